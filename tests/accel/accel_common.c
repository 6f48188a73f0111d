/* SPDX-License-Identifier: Apache-2.0 */
/* accel_common.c - shared helpers of the accelerator test programs (see accel_common.h). */
#include "accel_common.h"

#include <stdlib.h>
#include <string.h>

#include "st_rng.h"

void st_acc_probe(st_acc_info_t *info)
{
    memset(info, 0, sizeof *info);
    info->id = st_acc_rd(ST_ACCEL_ID_OFFSET);
    info->version = st_acc_rd(ST_ACCEL_VERSION_OFFSET);
    info->caps0 = st_acc_rd(ST_ACCEL_CAPS0_OFFSET);
    info->caps1 = st_acc_rd(ST_ACCEL_CAPS1_OFFSET);
    info->caps2 = st_acc_rd(ST_ACCEL_CAPS2_OFFSET);
    info->caps3 = st_acc_rd(ST_ACCEL_CAPS3_OFFSET);
    st_img_caps_decode_all(info->caps0, info->caps1, info->caps2, info->caps3, &info->caps);
    info->hw.ram_base = ST_RAM_BASE;
    info->hw.ram_size = ST_RAM_SIZE;
    info->hw.pe = info->caps.pe;
    info->hw.simd = info->caps.simd;
    info->hw.wbuf_words = info->caps.wbuf_words;
    info->hw.pbuf_words = info->caps.pbuf_words;
    info->hw.bytes_kwords = info->caps.bytes_kwords;
}

int st_acc_wait_done(uint64_t max_cycles, uint64_t *cycles)
{
    /* Two limits: max_cycles in all (a budget far above any sane run), and ST_ACC_STALL_LIMIT cycles
     * without a single bus transfer on the master port while BUSY (a hang, however short the layer). */
    uint64_t start = st_sim_cycles(), last_progress = start, last_count = 0;
    for (;;) {
        uint32_t s = st_acc_rd(ST_ACCEL_STATUS_OFFSET);
        st_sim_stats_t bs;
        uint64_t now = st_sim_cycles();
        if ((s & ST_ACCEL_STATUS_DONE_Msk) != 0u && (s & ST_ACCEL_STATUS_BUSY_Msk) == 0u) {
            if (cycles != NULL) {
                *cycles = now - start;
            }
            return 0;
        }
        st_sim_get_stats(&bs);
        if (bs.reads + bs.writes != last_count) {
            last_count = bs.reads + bs.writes;
            last_progress = now;
        }
        if (now - start > max_cycles || now - last_progress > ST_ACC_STALL_LIMIT) {
            if (cycles != NULL) {
                *cycles = now - start;
            }
            return -1;
        }
    }
}

void st_acc_run_chain(uint32_t desc_ptr, int irq_en, uint64_t max_cycles, st_acc_run_t *r)
{
    uint64_t start;
    memset(r, 0, sizeof *r);
    st_acc_wr(ST_ACCEL_DESC_PTR_OFFSET, desc_ptr);
    start = st_sim_cycles();
    st_acc_wr(ST_ACCEL_CTRL_OFFSET, ST_ACCEL_CTRL_START_Msk | (irq_en ? ST_ACCEL_CTRL_IRQ_EN_Msk : 0u));
    r->timed_out = st_acc_wait_done(max_cycles, NULL) != 0;
    r->cycles = st_sim_cycles() - start;
    r->status = st_acc_rd(ST_ACCEL_STATUS_OFFSET);
    r->err = (r->status & ST_ACCEL_STATUS_ERR_Msk) >> ST_ACCEL_STATUS_ERR_Pos;
    r->err_desc = (r->status & ST_ACCEL_STATUS_ERR_DESC_Msk) >> ST_ACCEL_STATUS_ERR_DESC_Pos;
    r->irq_status = st_acc_rd(ST_ACCEL_IRQ_STATUS_OFFSET);
    r->irq_line = st_sim_irq();
    r->perf_busy = st_acc_rd(ST_ACCEL_PERF_BUSY_OFFSET);
    r->perf_macs = st_acc_rd(ST_ACCEL_PERF_MACS_OFFSET);
    r->perf_stall = st_acc_rd(ST_ACCEL_PERF_STALL_OFFSET);
    r->perf_layers = st_acc_rd(ST_ACCEL_PERF_LAYERS_OFFSET);
}

void st_acc_clear_irq(void)
{
    st_acc_wr(ST_ACCEL_IRQ_STATUS_OFFSET, ST_ACCEL_IRQ_STATUS_DONE_Msk);
}

int st_acc_soft_reset(uint64_t max_cycles)
{
    uint64_t start = st_sim_cycles();
    st_acc_wr(ST_ACCEL_CTRL_OFFSET, ST_ACCEL_CTRL_SOFT_RESET_Msk);
    while ((st_acc_rd(ST_ACCEL_STATUS_OFFSET) & ST_ACCEL_STATUS_BUSY_Msk) != 0u) {
        if (st_sim_cycles() - start > max_cycles) {
            return -1;
        }
    }
    return 0;
}

uint64_t st_acc_budget(uint64_t bitmacs, uint32_t words, const st_acc_info_t *info)
{
    uint64_t per_cycle = (uint64_t)info->caps.pe * info->caps.simd;
    if (per_cycle == 0u) {
        per_cycle = 1u;
    }
    /* 200 x the ideal compute time plus 2000 cycles per RAM word of the image plus a fixed margin: only a
     * pathologically slow design trips it; a hang is caught sooner by the no-progress limit */
    return 200u * (bitmacs / per_cycle) + 2000u * (uint64_t)words + 1000000u;
}

uint64_t st_acc_item_seed(uint64_t seed, uint32_t k)
{
    st_rng_t r;
    st_rng_seed(&r, seed ^ ((uint64_t)k * 0xD1B54A32D192ED03ull));
    return st_rng_next(&r);
}

void st_acc_fill_random(uint32_t addr, uint32_t bytes, uint64_t seed)
{
    st_rng_t r;
    st_rng_seed(&r, seed);
    for (uint32_t a = addr & ~3u; a + 4u <= addr + bytes; a += 4u) {
        st_sim_ram_write32(a, (uint32_t)st_rng_next(&r));
    }
}

const char *st_acc_arg_str(int argc, char **argv, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=') {
            return argv[i] + n + 1;
        }
    }
    return NULL;
}

uint64_t st_acc_arg(int argc, char **argv, const char *name, uint64_t def)
{
    const char *v = st_acc_arg_str(argc, argv, name);
    return (v != NULL && *v != '\0') ? strtoull(v, NULL, 0) : def;
}
