/* The minmea contender of compare.sh: reads FILE, then for about MILLISECONDS of this thread's CPU time frames each
 * line (memchr for the line end, copied into a NUL-terminated buffer, as a serial-port user of minmea does), checks
 * it (minmea_sentence_id, checksum included) and parses every type minmea knows into its struct.
 * Prints "minmea NS_PER_SENTENCE_LINE SENTENCE_LINES ACCEPTED_PER_PASS" (lines starting with '$' or '!', as NmeaCpu). Build: cc -O2 -Iminmea minmea-bench.c minmea/minmea.c */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "minmea.h"

static long long thread_cpu_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static volatile long sink;
static long accepted; /* sentences minmea parsed in the last pass */

static long pass(const char *data, size_t size)
{
    char line[1024];
    long sentences = 0, lines = 0;
    const char *p = data, *end = data + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        lines += n > 0 && (*p == '$' || *p == '!');
        if (n > 0 && n < sizeof line && (*p == '$' || *p == '!')) {
            memcpy(line, p, n);
            line[n] = '\0';
            if (n > 0 && line[n - 1] == '\r')
                line[n - 1] = '\0';
            switch (minmea_sentence_id(line, false)) {
                case MINMEA_SENTENCE_RMC: { struct minmea_sentence_rmc f; sentences += minmea_parse_rmc(&f, line); sink += f.latitude.value; } break;
                case MINMEA_SENTENCE_GGA: { struct minmea_sentence_gga f; sentences += minmea_parse_gga(&f, line); sink += f.latitude.value; } break;
                case MINMEA_SENTENCE_GSA: { struct minmea_sentence_gsa f; sentences += minmea_parse_gsa(&f, line); sink += f.fix_type; } break;
                case MINMEA_SENTENCE_GSV: { struct minmea_sentence_gsv f; sentences += minmea_parse_gsv(&f, line); sink += f.sats[0].snr; } break;
                case MINMEA_SENTENCE_GLL: { struct minmea_sentence_gll f; sentences += minmea_parse_gll(&f, line); sink += f.latitude.value; } break;
                case MINMEA_SENTENCE_GST: { struct minmea_sentence_gst f; sentences += minmea_parse_gst(&f, line); sink += f.rms_deviation.value; } break;
                case MINMEA_SENTENCE_VTG: { struct minmea_sentence_vtg f; sentences += minmea_parse_vtg(&f, line); sink += f.speed_knots.value; } break;
                case MINMEA_SENTENCE_ZDA: { struct minmea_sentence_zda f; sentences += minmea_parse_zda(&f, line); sink += f.date.year; } break;
                case MINMEA_SENTENCE_GBS: { struct minmea_sentence_gbs f; sentences += minmea_parse_gbs(&f, line); sink += f.svid; } break;
                default: break;
            }
        }
        p = nl ? nl + 1 : end;
    }
    accepted = sentences;
    return lines;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: minmea-bench FILE MILLISECONDS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "minmea-bench: cannot open %s\n", argv[1]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size);
    if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "minmea-bench: cannot read %s\n", argv[1]);
        return 2;
    }
    fclose(f);
    long long budget = atoll(argv[2]) * 1000000LL;
    long sentences = pass(data, (size_t)size);
    long long warm = thread_cpu_ns() + budget / 4;
    while (thread_cpu_ns() < warm)
        pass(data, (size_t)size);
    long long start = thread_cpu_ns(), now;
    long passes = 0;
    do {
        pass(data, (size_t)size);
        passes++;
        now = thread_cpu_ns();
    } while (now < start + budget);
    printf("minmea %.2f %ld %ld\n", (double)(now - start) / ((double)passes * (double)sentences), sentences, accepted);
    return 0;
}
