# SPDX-License-Identifier: Apache-2.0
# mk/run.mk - `make run`, the main job. Until the driver and the end-to-end SoC path land, it runs the
# default model on its shipped sample inputs with the host golden model (both formulations), prints each
# prediction and the accuracy, and fails if the forms disagree or the accuracy is below the recorded one.

RUN_MODEL   ?= models/first/first.stm
RUN_SAMPLES ?= $(basename $(RUN_MODEL)).sti
HELP_VARS   += RUN_MODEL RUN_SAMPLES

.PHONY: run
run: deps stc
	$(Q)$(STC) info $(RUN_MODEL)
	@echo
	$(Q)$(STC) eval $(RUN_MODEL) $(RUN_SAMPLES) --verbose
