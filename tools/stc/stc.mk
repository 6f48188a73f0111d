# placeholder, owned by the model-format/CLI helper
