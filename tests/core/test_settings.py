"""Settings: the model tuning is one field group, not read from the environment as a whole."""

from __future__ import annotations

from rag.core.settings import ModelTuning


def test_model_tuning_is_a_settings_field_group() -> None:
    from rag.core.settings import Settings

    assert Settings().tuning == ModelTuning()
    assert Settings.from_env({"RAG_TUNING": "0.9", "RAG_TOP_K": "3"}).tuning == ModelTuning()
    assert Settings().with_overrides(tuning=ModelTuning(dense_floor=0.9)).tuning.dense_floor == 0.9
