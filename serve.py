"""The server: the Streamlit app (app.py) with the live feed's route beside Streamlit's own.
`streamlit run serve.py` finds `app` and serves it under uvicorn; ./run.sh does that."""

import streamlit as st
from streamlit import config

from ui import live_feed

app = st.App("app.py", routes=[live_feed.route(config.get_option("server.baseUrlPath"))])
