/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_upload.c - sends a boot image to the boot ROM over the UART (the quick-iteration path: no flash
 * write), then shows what the board prints.
 *
 *   st_upload [-p PORT] [-b BAUD] [--reset CMD] [--timeout S] IMAGE
 *
 * The boot ROM listens for 2 ms after reset (firmware/boot/boot.c): this tool sends sync bytes (0x55)
 * every few milliseconds until the boot ROM prints "st-boot: uart: waiting", then the image (header +
 * payload; the ROM skips everything before the magic). `--reset CMD` runs CMD (e.g. `iceprog -t`, which
 * restarts the FPGA) once the sync bytes flow; without it, reset the board by hand. Afterwards every byte
 * the board sends is copied to stdout until --timeout seconds pass without output (0: forever).
 * Exit codes: 0 the boot ROM took the image, 1 it refused it (its message is shown) or the board did not
 * answer, 2 usage or a bad image file, 3 the serial port failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "st_boot_image.h"

#define MAX_IMAGE (ST_BOOT_HEADER_SIZE + ST_BOOT_RAM_LIMIT)

static uint8_t g_img[MAX_IMAGE + 1];

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Reads and checks the image; returns its size or -1. */
static long load_image(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "st_upload: cannot open '%s': %s\n", path, strerror(errno));
        return -1;
    }
    size_t n = fread(g_img, 1, sizeof g_img, f);
    fclose(f);
    if (n > MAX_IMAGE || n < ST_BOOT_HEADER_SIZE) {
        fprintf(stderr, "st_upload: '%s': %zu bytes is no boot image (header %u, at most %u bytes)\n", path, n,
                ST_BOOT_HEADER_SIZE, MAX_IMAGE);
        return -1;
    }
    st_boot_header_t h;
    for (unsigned i = 0; i < ST_BOOT_HEADER_SIZE / 4u; i++) {
        ((uint32_t *)&h)[i] = rd32(g_img + 4u * i);
    }
    uint32_t crc = 0xFFFFFFFFu;
    for (unsigned i = 0; i < ST_BOOT_HEADER_SIZE - 4u; i++) {
        crc = st_boot_crc32_byte(crc, g_img[i]);
    }
    st_boot_err_t e = st_boot_check_header(&h, crc ^ 0xFFFFFFFFu);
    if (e == ST_BOOT_OK && n != (size_t)ST_BOOT_HEADER_SIZE + h.payload_bytes) {
        fprintf(stderr, "st_upload: '%s': %zu bytes, the header says %u\n", path, n,
                ST_BOOT_HEADER_SIZE + h.payload_bytes);
        return -1;
    }
    if (e != ST_BOOT_OK) {
        fprintf(stderr, "st_upload: '%s': the boot ROM would refuse it (reason %d, see st_boot_image.h)\n", path,
                (int)e);
        return -1;
    }
    return (long)n;
}

static speed_t baud_const(unsigned long b)
{
    switch (b) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
    default: return 0;
    }
}

static int open_port(const char *path, speed_t speed)
{
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        fprintf(stderr, "st_upload: cannot open '%s': %s\n", path, strerror(errno));
        return -1;
    }
    struct termios t;
    if (tcgetattr(fd, &t) != 0) {
        fprintf(stderr, "st_upload: '%s' is not a serial port: %s\n", path, strerror(errno));
        close(fd);
        return -1;
    }
    cfmakeraw(&t);
    t.c_cflag |= CLOCAL | CREAD;
    t.c_cflag &= ~(tcflag_t)(CSTOPB | PARENB | CRTSCTS);
    cfsetispeed(&t, speed);
    cfsetospeed(&t, speed);
    if (tcsetattr(fd, TCSANOW, &t) != 0) {
        fprintf(stderr, "st_upload: cannot configure '%s': %s\n", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

/* Writes all of buf (the port is non-blocking). */
static int write_all(int fd, const uint8_t *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0) {
            if (errno == EAGAIN || errno == EINTR) {
                struct pollfd p = {fd, POLLOUT, 0};
                (void)poll(&p, 1, 100);
                continue;
            }
            fprintf(stderr, "st_upload: write: %s\n", strerror(errno));
            return -1;
        }
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The board's output: echoed, and each complete line checked for the boot ROM's messages. */
typedef struct {
    char line[256];
    size_t len;
    int waiting; /* "st-boot: uart: waiting" seen */
    int verdict; /* -1 none yet, 0 "st-boot: uart: ok", 1 another "st-boot: uart: " message */
} lines_t;

static void line_done(lines_t *l)
{
    static const char k_uart[] = "st-boot: uart: ";
    if (strncmp(l->line, k_uart, sizeof k_uart - 1u) != 0) {
        return;
    }
    const char *rest = l->line + sizeof k_uart - 1u;
    if (strncmp(rest, "waiting", 7) == 0) {
        l->waiting = 1;
    } else if (l->waiting && l->verdict < 0) {
        l->verdict = strncmp(rest, "ok", 2) == 0 ? 0 : 1;
    }
}

static void feed(lines_t *l, const char *buf, size_t n)
{
    fwrite(buf, 1, n, stdout);
    fflush(stdout);
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\n' || c == '\r') {
            if (l->len != 0u) {
                l->line[l->len] = '\0';
                line_done(l);
                l->len = 0;
            }
        } else if (l->len + 1u < sizeof l->line) {
            l->line[l->len++] = c;
        }
    }
}

/* Reads what is there (waiting up to ms); returns bytes read, 0 on timeout, -1 on error. */
static long pump(int fd, lines_t *l, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    int r = poll(&p, 1, ms);
    if (r <= 0) {
        return r < 0 && errno != EINTR ? -1 : 0;
    }
    char buf[512];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
        return errno == EAGAIN || errno == EINTR ? 0 : -1;
    }
    if (n == 0) {
        return -1; /* the other end closed (a pty in tests) */
    }
    feed(l, buf, (size_t)n);
    return n;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: st_upload [-p PORT] [-b BAUD] [--reset CMD] [--timeout S] IMAGE\n"
               "  -p PORT        serial port (default /dev/ttyUSB1, the iCEBreaker's UART channel)\n"
               "  -b BAUD        bit rate (default 115200, as the boot ROM)\n"
               "  --reset CMD    run CMD to restart the board (e.g. 'iceprog -t')\n"
               "  --timeout S    stop after S seconds without output from the board (default 5; 0: never)\n"
               "  --wait S       how long to wait for the boot ROM (default 20)\n");
}

int main(int argc, char **argv)
{
    const char *port = "/dev/ttyUSB1", *image = NULL, *reset = NULL;
    unsigned long baud = 115200;
    double timeout = 5.0, wait = 20.0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-p") == 0 && i + 1 < argc) {
            port = argv[++i];
        } else if (strcmp(a, "-b") == 0 && i + 1 < argc) {
            baud = strtoul(argv[++i], NULL, 10);
        } else if (strcmp(a, "--reset") == 0 && i + 1 < argc) {
            reset = argv[++i];
        } else if (strcmp(a, "--timeout") == 0 && i + 1 < argc) {
            timeout = strtod(argv[++i], NULL);
        } else if (strcmp(a, "--wait") == 0 && i + 1 < argc) {
            wait = strtod(argv[++i], NULL);
        } else if (a[0] == '-' || image != NULL) {
            fprintf(stderr, "st_upload: unexpected argument '%s'\n", a);
            usage(stderr);
            return 2;
        } else {
            image = a;
        }
    }
    speed_t speed = baud_const(baud);
    if (image == NULL || speed == 0 || timeout < 0 || wait <= 0) {
        if (speed == 0) {
            fprintf(stderr, "st_upload: unsupported bit rate %lu\n", baud);
        }
        usage(stderr);
        return 2;
    }
    long n = load_image(image);
    if (n < 0) {
        return 2;
    }
    int fd = open_port(port, speed);
    if (fd < 0) {
        return 3;
    }
    signal(SIGPIPE, SIG_IGN);

    /* 1. Sync bytes until the boot ROM says it waits for an image. */
    lines_t l;
    memset(&l, 0, sizeof l);
    l.verdict = -1;
    pid_t child = -1;
    if (reset != NULL) {
        child = fork();
        if (child == 0) {
            execl("/bin/sh", "sh", "-c", reset, (char *)NULL);
            _exit(127);
        }
    } else {
        fprintf(stderr, "st_upload: reset the board now (sending sync bytes on %s)\n", port);
    }
    double t0 = now_s();
    while (!l.waiting) {
        static const uint8_t sync = 0x55u;
        if (write_all(fd, &sync, 1) != 0) {
            return 3;
        }
        if (pump(fd, &l, 2) < 0) {
            fprintf(stderr, "st_upload: read from %s failed\n", port);
            return 3;
        }
        if (now_s() - t0 > wait) {
            fprintf(stderr, "\nst_upload: no answer from the boot ROM within %.0f s\n", wait);
            return 1;
        }
    }
    if (child > 0) {
        int st;
        (void)waitpid(child, &st, 0);
    }

    /* 2. The image. */
    if (write_all(fd, g_img, (size_t)n) != 0) {
        return 3;
    }
    (void)tcdrain(fd);

    /* 3. The verdict, then the board's output. */
    double last = now_s();
    for (;;) {
        long r = pump(fd, &l, 50);
        if (r < 0) {
            break;
        }
        if (r > 0) {
            last = now_s();
        }
        if (l.verdict == 1) {
            fprintf(stderr, "st_upload: the boot ROM refused the image\n");
            return 1;
        }
        if (timeout > 0 && now_s() - last > timeout) {
            break;
        }
    }
    if (l.verdict != 0) {
        fprintf(stderr, "st_upload: no verdict from the boot ROM\n");
        return 1;
    }
    return 0;
}
