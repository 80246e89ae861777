"""Learn: spinal stenosis in plain words, a labelled picture, what tends to happen without treatment."""

import streamlit as st

from decision_aid import language_ui, ui

c = ui.content()
st.title(c.text("learn_title"), anchor=False)
ui.text_with_sources(c, "learn_what")
st.image(ui.svg_text("spine.svg"), width=660, alt=c.text("learn_picture_alt"),
         caption=c.text("learn_picture_caption"))
ui.text_with_sources(c, "learn_symptoms")
ui.text_with_sources(c, "learn_not_emergency")

language_ui.header(c, c.text("learn_course_title"))
ui.text_with_sources(c, "learn_course")
ui.text_with_sources(c, "learn_course_means")

language_ui.header(c, c.text("learn_options_title"))
for o in c.options:
    st.markdown(f"- **{o.name}**: {o.summary}")

ui.glossary_panel(c)
ui.step_footer("pages/learn.py")
