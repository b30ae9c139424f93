"""App: the service the CLI and web app share, the command line, the Gradio UI, access rules and evaluation."""
