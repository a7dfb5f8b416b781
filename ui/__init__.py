"""Streamlit-side helpers shared by app.py and the pages (the engine stays in serp_core)."""
