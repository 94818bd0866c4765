"""The shells: the `workbench` command line and the Streamlit review app. Nothing here computes."""
