# SPDX-License-Identifier: Apache-2.0
# driver/driver.mk - the accelerator driver (st_accel.c): host unit tests against a register-level mock,
# the same tests under ASan/UBSan, and a freestanding rv32im build of the driver. Suite: driver.

DRIVER_DIR  := $(BUILD)/driver
DRIVER_SRCS := driver/st_accel.c
DRIVER_HDRS := driver/st_accel.h driver/st_regs.h driver/st_desc.h driver/st_mmio.h

TEST_SUITES += driver

.PHONY: test-driver
$(DRIVER_DIR)/test_driver: tests/e2e/test_driver.c $(DRIVER_SRCS) $(DRIVER_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -std=c11 -DST_HOST_SIM -Idriver -o $@ tests/e2e/test_driver.c $(DRIVER_SRCS)

$(DRIVER_DIR)/test_driver_asan: tests/e2e/test_driver.c $(DRIVER_SRCS) $(DRIVER_HDRS)
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) -std=c11 -O1 -g -Wall -Wextra -Werror -pedantic $(SAN_FLAGS) -DST_HOST_SIM -Idriver -o $@ \
	  tests/e2e/test_driver.c $(DRIVER_SRCS)

# The firmware build of the driver: rv32im, freestanding, no libc symbols needed.
$(DRIVER_DIR)/st_accel.rv32.o: $(DRIVER_SRCS) $(DRIVER_HDRS)
	@mkdir -p $(@D)
	$(Q)$(RISCV_PREFIX)gcc -misa-spec=2.2 -march=rv32im -mabi=ilp32 -O2 -std=c11 -Wall -Wextra -Werror -pedantic \
	  -ffreestanding -Idriver -c $< -o $@

test-driver: $(DRIVER_DIR)/test_driver $(DRIVER_DIR)/test_driver_asan $(DRIVER_DIR)/st_accel.rv32.o
	$(Q)p=0; f=0; \
	if $(DRIVER_DIR)/test_driver > $(DRIVER_DIR)/unit.log; then p=$$((p+1)); echo "ok   unit ($$(tail -n1 $(DRIVER_DIR)/unit.log))"; \
	else f=$$((f+1)); echo "FAIL unit"; grep -v '^driver:' $(DRIVER_DIR)/unit.log | head -20; tail -n1 $(DRIVER_DIR)/unit.log; fi; \
	if $(DRIVER_DIR)/test_driver_asan > $(DRIVER_DIR)/asan.log 2>&1; then p=$$((p+1)); echo "ok   unit under ASan/UBSan"; \
	else f=$$((f+1)); echo "FAIL unit under ASan/UBSan"; tail -n 20 $(DRIVER_DIR)/asan.log; fi; \
	und=$$($(RISCV_PREFIX)nm -u $(DRIVER_DIR)/st_accel.rv32.o | awk '{print $$2}' | tr '\n' ' '); \
	if [ -z "$$und" ]; then p=$$((p+1)); echo "ok   rv32im freestanding build, no undefined symbols"; \
	else f=$$((f+1)); echo "FAIL rv32im build needs: $$und"; fi; \
	echo "driver: $$p passed, $$f failed"; [ $$f -eq 0 ]
