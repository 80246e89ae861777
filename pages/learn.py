"""Learn: spinal stenosis in plain words, a labelled picture, what tends to happen without treatment."""

import streamlit as st

from decision_aid import ui, views

c = ui.content()
st.title(c.text("learn_title"), anchor=False)
ui.text_with_sources(c, "learn_what")
# side by side on a wide screen, one above the other on a phone (app.css figure.spine)
st.html(views.spine_picture_html(ui.svg_text("spine.svg"), ui.svg_text("spine-stacked.svg"),
                                 c.text("learn_picture_alt"), c.text("learn_picture_caption")))
ui.text_with_sources(c, "learn_symptoms")
ui.text_with_sources(c, "learn_not_emergency")

st.header(c.text("learn_course_title"), anchor=False)
ui.text_with_sources(c, "learn_course")
ui.text_with_sources(c, "learn_course_means")

st.header(c.text("learn_options_title"), anchor=False)
for o in c.options:
    st.markdown(f"- **{o.name}**: {o.summary}")

ui.glossary_panel(c)
ui.step_footer("pages/learn.py")
