/* SPDX-License-Identifier: Apache-2.0 */
/*
 * boot.c - the boot ROM program: loads the application image (firmware/boot/st_boot_image.h) from SPI
 * flash, or from the UART, into RAM, checks it and jumps to it. Runs from block RAM at BOOTROM_BASE (the
 * board's reset vector); SPRAM holds garbage at power-up, which is why this program exists.
 *
 * 1. Set the UART to BOOT_BAUD, print the banner.
 * 2. Upload window: for BOOT_WINDOW_CYCLES (2 ms) watch the UART; any byte received (or the user button
 *    held) selects the UART path. `tools/mkimage` (st_upload) sends sync bytes until it sees the banner.
 * 3. Flash path: wake the flash (0xAB, then tRES1), READ (0x03) from BOOT_FLASH_OFFSET: the 64-byte
 *    header, checked (magic, version, header CRC, segments, length, entry), then the payload straight into
 *    RAM while its CRC-32 is computed; a good image is entered at its entry address.
 * 4. On a bad image: a message naming the reason, the red LED blinking, and the UART path, forever. The
 *    program never jumps to an image that failed a check.
 * UART path: the bytes before the magic are skipped, then the same header and payload as in flash. No
 *    output while bytes arrive (the UART has a one-byte receive buffer and a TX write may stall): the
 *    result is printed after the last byte.
 *
 * No .data or .bss (there is no RAM the image may not overwrite except the stack at the top, see
 * ST_BOOT_RAM_LIMIT); everything lives in registers and on that stack.
 */
#include <stdint.h>

#include "st_boot_image.h"
#include "st_regs.h"

#ifndef BOOT_CLK_HZ
#define BOOT_CLK_HZ 24000000u
#endif
#ifndef BOOT_BAUD
#define BOOT_BAUD 115200u
#endif
#ifndef BOOT_SPI_DIV
#define BOOT_SPI_DIV 1u /* SCK = clk / 4: margin for the board's pad and flash delays (st_soc_spi.sv) */
#endif
#ifndef BOOT_FLASH_OFFSET
#define BOOT_FLASH_OFFSET ST_BOOT_FLASH_OFFSET
#endif
#ifndef BOOT_WINDOW_CYCLES
#define BOOT_WINDOW_CYCLES (BOOT_CLK_HZ / 500u) /* 2 ms */
#endif

#define UART_DIV_VALUE ((BOOT_CLK_HZ + BOOT_BAUD / 2u) / BOOT_BAUD - 1u)
#define WAKE_CYCLES    (BOOT_CLK_HZ / 250000u + 1u) /* tRES1 = 3 us; wait 4 us */
#define BLINK_CYCLES   (BOOT_CLK_HZ / 8u)

#define UART ((st_uart_regs_t *)ST_UART_BASE)
#define GPIO ((st_gpio_regs_t *)ST_GPIO_BASE)
#define SPI  ((st_spi_regs_t *)ST_SPI_BASE)

#define LED_RED   ST_GPIO_LED_RED_Msk
#define LED_GREEN ST_GPIO_LED_GREEN_Msk

typedef uint32_t (*byte_src_t)(void); /* the next byte, 0..255 */

void boot_main(void) __attribute__((noreturn));
void boot_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval) __attribute__((noreturn));

static inline uint32_t rdcycle(void)
{
    uint32_t c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

/* ---- UART ---------------------------------------------------------------------------------------- */
static void putch(char c)
{
    UART->DATA = (uint8_t)c; /* a write while the holding register is full waits on the bus */
}

static void puts_(const char *s)
{
    while (*s != '\0') {
        putch(*s++);
    }
}

static void puthex(uint32_t v)
{
    puts_("0x");
    for (int i = 28; i >= 0; i -= 4) {
        putch("0123456789abcdef"[(v >> i) & 15u]);
    }
}

/* The boot ROM has no RAM variables; mscratch is its one global: bits 1:0 the LEDs that blink while the
 * UART path waits, bit 31 set when a received byte was lost (overrun). */
#define SCRATCH_OVERRUN 0x80000000u

/* Waits for a received byte, blinking the LEDs of mscratch meanwhile. */
static uint32_t uart_byte(void)
{
    uint32_t t = rdcycle();
    uint32_t st;
    while (((st = UART->STATUS) & ST_UART_STATUS_RX_VALID_Msk) == 0u) {
        if (rdcycle() - t >= BLINK_CYCLES) {
            uint32_t led;
            __asm__ volatile("csrr %0, mscratch" : "=r"(led));
            t = rdcycle();
            GPIO->LED ^= led & 3u;
        }
    }
    if ((st & ST_UART_STATUS_RX_OVERRUN_Msk) != 0u) {
        __asm__ volatile("csrs mscratch, %0" : : "r"(SCRATCH_OVERRUN));
    }
    return UART->DATA & 0xffu;
}

/* ---- SPI flash ------------------------------------------------------------------------------------- */
static void spi_cs(uint32_t on)
{
    SPI->CTRL = (BOOT_SPI_DIV << ST_SPI_CTRL_DIV_Pos) | (on << ST_SPI_CTRL_CS_Pos);
}

static uint32_t spi_xfer(uint32_t b)
{
    SPI->DATA = b;
    return SPI->DATA; /* waits for the end of the transfer */
}

/* The byte of the transfer started last, and the next transfer started at once: the SPI shifts while the
 * CPU adds the byte to the CRC (about 2x faster than waiting for each byte). One byte too many is read at
 * the end; the flash does not mind. */
static uint32_t flash_byte(void)
{
    uint32_t b = SPI->DATA; /* waits for the end of the transfer */
    SPI->DATA = 0xffu;
    return b;
}

static void flash_begin_read(uint32_t addr)
{
    /* Release from power-down (iceprog powers the flash down after programming), then wait tRES1. */
    spi_cs(1u);
    (void)spi_xfer(0xabu);
    spi_cs(0u);
    uint32_t t = rdcycle();
    while (rdcycle() - t < WAKE_CYCLES) {
    }
    spi_cs(1u);
    (void)spi_xfer(0x03u);
    (void)spi_xfer((addr >> 16) & 0xffu);
    (void)spi_xfer((addr >> 8) & 0xffu);
    (void)spi_xfer(addr & 0xffu);
    SPI->DATA = 0xffu; /* the first data byte; flash_byte() collects it */
}

/* ---- Loading ------------------------------------------------------------------------------------- */
/* Short on purpose (ROM space); docs/fpga.md §4 lists what each means. */
static const char *const k_err[] = {
    "ok", "bad magic", "bad version", "bad header crc", "bad segments", "bad length", "bad entry", "bad payload crc",
};

/* Four bytes, little-endian, each added to *crc. */
static uint32_t get_word(byte_src_t src, uint32_t *crc)
{
    uint32_t v = 0;
    for (uint32_t k = 0; k < 32u; k += 8u) {
        uint32_t b = src();
        *crc = st_boot_crc32_byte(*crc, (uint8_t)b);
        v |= b << k;
    }
    return v;
}

/* Reads the header after its magic (already in h->magic), checks it, then copies the payload. Returns
 * ST_BOOT_OK or the reason; *crc_out gets the payload CRC computed. */
static int load(byte_src_t src, st_boot_header_t *h, uint32_t *crc_out)
{
    uint32_t *w = (uint32_t *)h;
    uint32_t crc = 0xFFFFFFFFu;
    for (uint32_t k = 0; k < 32u; k += 8u) {
        crc = st_boot_crc32_byte(crc, (uint8_t)(h->magic >> k));
    }
    for (uint32_t i = 1; i < 15u; i++) {
        w[i] = get_word(src, &crc);
    }
    uint32_t header_crc = crc ^ 0xFFFFFFFFu;
    w[15] = get_word(src, &crc);
    st_boot_err_t e = st_boot_check_header(h, header_crc);
    if (e != ST_BOOT_OK) {
        return (int)e;
    }
    crc = 0xFFFFFFFFu;
    for (uint32_t s = 0; s < h->nsegs; s++) {
        volatile uint32_t *dst = (volatile uint32_t *)h->seg[2u * s];
        for (uint32_t n = h->seg[2u * s + 1u] / 4u; n != 0u; n--) {
            *dst++ = get_word(src, &crc);
        }
    }
    *crc_out = crc ^ 0xFFFFFFFFu;
    return *crc_out == h->payload_crc ? (int)ST_BOOT_OK : (int)ST_BOOT_ERR_PAYLOAD_CRC;
}

/* Prints the outcome; on success drains the UART and enters the image (never returns). */
static void finish(const char *src_name, uint32_t src_id, int r, const st_boot_header_t *h, uint32_t crc)
{
    uint32_t scratch;
    __asm__ volatile("csrrc %0, mscratch, %1" : "=r"(scratch) : "r"(SCRATCH_OVERRUN));
    puts_("st-boot: ");
    puts_(src_name);
    if ((scratch & SCRATCH_OVERRUN) != 0u) {
        puts_(": uart overrun\r\n"); /* bytes were lost: whatever the checks said, drop the image */
        return;
    }
    if (r != (int)ST_BOOT_OK) {
        puts_(": ");
        puts_(k_err[r]);
        if (r == (int)ST_BOOT_ERR_MAGIC) {
            puts_(" ");
            puthex(h->magic);
        } else if (r == (int)ST_BOOT_ERR_PAYLOAD_CRC) {
            puts_(" ");
            puthex(crc);
        }
        puts_("\r\n");
        return;
    }
    puts_(": ok ");
    puthex(h->payload_bytes);
    puts_(" bytes\r\n");
    while ((UART->STATUS & ST_UART_STATUS_TX_BUSY_Msk) != 0u) {
    }
    GPIO->LED = 0u;
    void (*entry)(uint32_t) = (void (*)(uint32_t))h->entry;
    entry(src_id);
    for (;;) {
    }
}

/* UART path: skip bytes until the magic, then load. */
static void boot_uart(void)
{
    st_boot_header_t h;
    uint32_t crc = 0;
    uint32_t win = 0;
    puts_("st-boot: uart: waiting\r\n");
    while (win != ST_BOOT_MAGIC) {
        uint32_t b = uart_byte();
        win = (win >> 8) | (b << 24); /* little-endian: the first byte is the lowest */
    }
    h.magic = win;
    int r = load(uart_byte, &h, &crc);
    finish("uart", 1u, r, &h, crc);
}

void boot_main(void)
{
    st_boot_header_t h;
    uint32_t crc = 0;
    UART->DIV = UART_DIV_VALUE;
    GPIO->LED = 0u;
    puts_("\r\nst-boot: flash ");
    puthex(BOOT_FLASH_OFFSET);
    puts_("\r\n");

    /* Upload window: a byte on the UART or the button held selects the UART path. */
    uint32_t want_uart = GPIO->BTN & ST_GPIO_BTN_USER_Msk;
    uint32_t t = rdcycle();
    while (want_uart == 0u && rdcycle() - t < BOOT_WINDOW_CYCLES) {
        want_uart = UART->STATUS & (ST_UART_STATUS_RX_VALID_Msk | ST_UART_STATUS_RX_OVERRUN_Msk);
    }
    uint32_t led = LED_GREEN; /* UART path on request: green blinks while it waits */
    if (want_uart == 0u) {
        GPIO->LED = LED_GREEN;
        flash_begin_read(BOOT_FLASH_OFFSET);
        h.magic = get_word(flash_byte, &crc);
        int r = h.magic == ST_BOOT_MAGIC ? load(flash_byte, &h, &crc) : (int)ST_BOOT_ERR_MAGIC;
        (void)SPI->DATA; /* the transfer flash_byte() started ends before CS rises */
        spi_cs(0u);
        finish("flash", 0u, r, &h, crc);
        led = LED_RED; /* a bad flash image: red blinks while the UART path waits */
    }
    GPIO->LED = led;
    __asm__ volatile("csrw mscratch, %0" : : "r"(led));
    for (;;) {
        boot_uart();
    }
}

/* An exception in the boot ROM itself: report it, red LED on, halt. */
void boot_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    GPIO->LED = LED_RED;
    puts_("\r\nst-boot: trap, mcause ");
    puthex(mcause);
    puts_(" mepc ");
    puthex(mepc);
    puts_("\r\n");
    (void)mtval;
    for (;;) {
        __asm__ volatile("wfi");
    }
}
