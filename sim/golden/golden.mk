# placeholder, owned by the golden-model helper
