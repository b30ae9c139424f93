"""The passes of speech extraction, one module each with ``run(doc) -> doc``; their order is ``pipeline.PASSES``."""
