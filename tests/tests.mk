# SPDX-License-Identifier: Apache-2.0
# tests/tests.mk - `make test`: every suite registered in TEST_SUITES by the fragments above.
# Each suite is a target test-<name> whose output ends with "N passed, N failed".

.PHONY: test
test: deps
	$(Q)tests/run_suites.sh $(BUILD)/test $(TEST_SUITES)
