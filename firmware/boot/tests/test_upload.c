/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_upload.c - st_upload's protocol against a fake boot ROM on a pseudo-terminal (host test).
 *
 *   test_upload ST_UPLOAD IMAGE
 *
 * Runs st_upload on the slave side of a pty and plays the board on the master side: checks that sync bytes
 * (0x55) arrive, prints the boot ROM's "uart: waiting" line, checks that the bytes after the sync bytes
 * are exactly the image, then answers. Three runs: the ROM accepts the image (st_upload must exit 0 and
 * pass the application's output through), the ROM refuses it (exit 1), the ROM never answers (exit 1
 * after --wait). Prints "N passed, N failed".
 */
#define _XOPEN_SOURCE 600 /* posix_openpt, grantpt, unlockpt, ptsname */
#define _DEFAULT_SOURCE    /* cfmakeraw */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static uint8_t g_img[1 << 20];
static size_t g_img_len;
static int g_pass, g_fail;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (ok) {
        g_pass++;
    } else {
        g_fail++;
    }
}

/* Reads one byte from the master within ms; -1 on timeout or error. */
static int get_byte(int fd, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, ms) <= 0) {
        return -1;
    }
    uint8_t b;
    return read(fd, &b, 1) == 1 ? b : -1;
}

static void put_str(int fd, const char *s)
{
    size_t n = strlen(s);
    if (write(fd, s, n) != (ssize_t)n) {
        perror("test_upload: write");
    }
}

/* mode 0: accept, 1: refuse, 2: stay silent. Returns st_upload's exit code. */
static int run(const char *tool, const char *image, int mode, int *image_ok)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0) {
        perror("test_upload: pty");
        exit(2);
    }
    const char *slave = ptsname(m);
    struct termios t;
    tcgetattr(m, &t);
    cfmakeraw(&t);
    tcsetattr(m, TCSANOW, &t);
    int out = open("/dev/null", O_WRONLY);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out, 1); /* st_upload echoes the board's output: not needed here */
        execl(tool, tool, "-p", slave, "--timeout", "0.5", "--wait", mode == 2 ? "1" : "10", image, (char *)NULL);
        _exit(127);
    }
    close(out);
    *image_ok = 0;
    int syncs = 0, b;
    while (syncs < 3 && (b = get_byte(m, 5000)) >= 0) {
        syncs += (b == 0x55);
    }
    if (mode != 2 && syncs == 3) {
        put_str(m, "\r\nst-boot: flash 0x00100000\r\nst-boot: uart: waiting\r\n");
        /* Skip sync bytes still in flight, then expect the image byte for byte. */
        size_t i = 0;
        int bad = 0;
        while (i < g_img_len && (b = get_byte(m, 5000)) >= 0) {
            if (i == 0 && b == 0x55) {
                continue;
            }
            bad |= (b != g_img[i]);
            i++;
        }
        *image_ok = (i == g_img_len && !bad);
        put_str(m, mode == 0 ? "st-boot: uart: ok 0x00000c40 bytes\r\nbootapp: hello\r\n"
                             : "st-boot: uart: bad payload crc 0x12345678\r\n");
    }
    int st = 0;
    waitpid(pid, &st, 0);
    close(m);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_upload ST_UPLOAD IMAGE\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (f == NULL) {
        fprintf(stderr, "test_upload: cannot open '%s': %s\n", argv[2], strerror(errno));
        return 2;
    }
    g_img_len = fread(g_img, 1, sizeof g_img, f);
    fclose(f);
    int image_ok;
    int rc = run(argv[1], argv[2], 0, &image_ok);
    check(image_ok, "upload: the bytes after the sync bytes are the image");
    check(rc == 0, "upload: accepted image -> exit 0");
    rc = run(argv[1], argv[2], 1, &image_ok);
    check(image_ok && rc == 1, "upload: refused image -> exit 1");
    rc = run(argv[1], argv[2], 2, &image_ok);
    check(rc == 1, "upload: no boot ROM -> exit 1 after --wait");
    printf("upload: %d passed, %d failed\n", g_pass, g_fail);
    return g_fail != 0;
}
