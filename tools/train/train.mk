# SPDX-License-Identifier: Apache-2.0
# tools/train/train.mk - ST quantization-aware training, export and the bit-exact check (tools/train/README.md).
#   make train MODEL=fmnist-a2     train (resuming build/train/MODEL/ckpt.pt), export MODEL.stm, and check that
#                                  stc and PyTorch's integer simulation agree on the whole test set
#   make train-ship MODEL="..."    copy checked models + sample inputs to models/, update models/models.json
#   make train-report              docs/accuracy.md + docs/accuracy.png from build/train/*/result.json
#   make train-park / train-unpark run state (checkpoints) to / from branch train-park, across machines
#   make train-smoke               CIFAR-10 ResNet-8 on 2,000 images for one epoch, exported and checked
# Training needs `make deps-train` (Debian python3-torch ...); `make test` (suite `models`) does not.

TRAIN_PY      ?= /usr/bin/python3
TRAIN_NICE    ?= nice -n 19
TRAIN_DEVICE  ?= auto
TRAIN_THREADS ?= 1
TRAIN_ARGS    ?=
TRAIN_SCRIPT  := tools/train/st_train.py
TRAIN_FMNIST  := fmnist-a1 fmnist-a2 fmnist-a3 fmnist-a4 fmnist-pact-a1 fmnist-pact-a2 fmnist-pact-a3 \
                 fmnist-pact-a4 fmnist-fp
HELP_VARS     += TRAIN_PY TRAIN_DEVICE TRAIN_THREADS TRAIN_ARGS

HELP_TARGETS += \
  "train|train MODEL= (fmnist-a1..a4, cifar10-resnet8-a1..a4, -pact-, -fp; see tools/train), export, check vs stc" \
  "train-export|export and check MODEL= again without training" \
  "train-fmnist|train, export and check every Fashion-MNIST model (ST, PACT, FP; ~2 h on one CPU core)" \
  "train-ship|copy the checked MODEL= list to models/ and update models/models.json" \
  "train-report|write docs/accuracy.md and docs/accuracy.png from the runs under $(BUILD)/train" \
  "train-park|commit the runs' checkpoints under $(BUILD)/train to branch train-park (one commit, replaced)" \
  "train-unpark|restore the parked checkpoints into $(BUILD)/train (then make train MODEL= resumes)" \
  "train-smoke|CIFAR-10 ResNet-8 smoke run (2,000 images, 1 epoch), exported and checked vs stc" \
  "test-train|PyTorch end-to-end tests: tiny nets of every kind trained, exported, checked vs stc (needs torch)"
TEST_SUITES  += models train-tools

.PHONY: train train-export train-fmnist train-ship train-report train-smoke test-models test-train-tools \
        test-train train-need-model train-park train-unpark

train-need-model:
	@test -n "$(MODEL)" || { echo "make train: set MODEL=<name>; the names:"; $(TRAIN_PY) $(TRAIN_SCRIPT) list; exit 2; }

train: train-need-model $(STC)
	$(Q)$(TRAIN_NICE) $(TRAIN_PY) $(TRAIN_SCRIPT) train $(MODEL) --device $(TRAIN_DEVICE) \
	  --threads $(TRAIN_THREADS) $(TRAIN_ARGS)
	$(Q)$(TRAIN_NICE) $(TRAIN_PY) $(TRAIN_SCRIPT) export $(MODEL) --threads $(TRAIN_THREADS)

train-export: train-need-model $(STC)
	$(Q)$(TRAIN_NICE) $(TRAIN_PY) $(TRAIN_SCRIPT) export $(MODEL) --threads $(TRAIN_THREADS)

train-fmnist: $(STC)
	$(Q)for m in $(TRAIN_FMNIST); do $(MAKE) --no-print-directory train MODEL=$$m || exit 1; done
	$(Q)$(TRAIN_PY) $(TRAIN_SCRIPT) report

train-ship: train-need-model $(STC)
	$(Q)$(TRAIN_PY) $(TRAIN_SCRIPT) ship $(MODEL)

train-report:
	$(Q)$(TRAIN_PY) $(TRAIN_SCRIPT) report

train-park:
	$(Q)sh tools/train/park.sh park $(BUILD)

train-unpark:
	$(Q)sh tools/train/park.sh unpark $(BUILD)

train-smoke: $(STC)
	$(Q)$(TRAIN_NICE) $(TRAIN_PY) $(TRAIN_SCRIPT) train cifar10-resnet8-a2 --subset 2000 --epochs 1 --fresh \
	  --device $(TRAIN_DEVICE) --threads $(TRAIN_THREADS)
	$(Q)$(TRAIN_NICE) $(TRAIN_PY) $(TRAIN_SCRIPT) export cifar10-resnet8-a2 --subset 2000 \
	  --threads $(TRAIN_THREADS)

# the shipped models, checked with the golden model only (no PyTorch)
test-models: $(STC)
	$(Q)$(TRAIN_PY) tools/train/test_models.py $(STC) models $(RUN_MODEL)

# threshold folding vs exact arithmetic, the Python .stm/.sti writer vs the C parser (numpy, no PyTorch)
test-train-tools: $(STC)
	$(Q)$(TRAIN_PY) tools/train/test_tools.py $(STC) $(if $(strip $(SEED)),--seed $(strip $(SEED)))

# needs PyTorch (make deps-train); not part of `make test`
test-train: $(STC)
	$(Q)$(TRAIN_NICE) $(TRAIN_PY) tools/train/test_train.py $(STC) $(if $(strip $(SEED)),--seed $(strip $(SEED)))
