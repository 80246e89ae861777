"""Learn: spinal stenosis in plain words, a labelled picture, what tends to happen without treatment."""

import streamlit as st

from decision_aid import blocks, language_ui, navigation, session, views

c = session.content()
st.title(c.text("learn_title"), anchor=False)
blocks.text_with_sources(c, "learn_what")
# side by side on a wide screen, one above the other on a phone (app.css figure.spine)
st.html(views.spine_picture_html(blocks.svg_text("spine.svg"), blocks.svg_text("spine-stacked.svg"),
                                 c.text("learn_picture_alt"), c.text("learn_picture_caption")))
blocks.text_with_sources(c, "learn_symptoms")
blocks.text_with_sources(c, "learn_not_emergency")

language_ui.header(c, c.text("learn_course_title"))
blocks.text_with_sources(c, "learn_course")
blocks.text_with_sources(c, "learn_course_means")

language_ui.header(c, c.text("learn_options_title"))
for o in c.options:
    st.markdown(f"- **{o.name}**: {o.summary}")

blocks.glossary_panel(c)
navigation.step_footer("pages/learn.py")
