"""The bare Streamlit page the benchmark compares the app with: a title and a button."""

import streamlit as st

st.title("Bare page")
if st.button("Click me"):
    st.markdown("Clicked.")
