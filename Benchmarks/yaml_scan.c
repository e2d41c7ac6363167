/*
 * yaml_scan: the reference "libyaml event scan" for `make bench`.
 *
 * Reads each file named on the command line into memory and calls yaml_parser_parse until
 * STREAM-END, deleting every event and building nothing. Prints the total event count, so
 * the work cannot be optimised away and runs can be compared. Exit status 1 on a parse
 * error (with the file and libyaml's problem on stderr), 2 on an I/O error.
 *
 *   cc -O2 -o yaml_scan Benchmarks/yaml_scan.c $(pkg-config --cflags --libs yaml-0.1)
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            unsigned char *grown = realloc(buf, cap *= 2);
            if (!grown) { free(buf); buf = NULL; }
            else buf = grown;
        }
    }
    if (ferror(f)) { free(buf); buf = NULL; }
    fclose(f);
    *size = len;
    return buf;
}

int main(int argc, char **argv) {
    unsigned long long events = 0;
    for (int i = 1; i < argc; i++) {
        size_t size = 0;
        unsigned char *bytes = read_file(argv[i], &size);
        if (!bytes) { fprintf(stderr, "%s: cannot read\n", argv[i]); return 2; }
        yaml_parser_t parser;
        if (!yaml_parser_initialize(&parser)) { fprintf(stderr, "out of memory\n"); return 2; }
        yaml_parser_set_input_string(&parser, bytes, size);
        int done = 0;
        while (!done) {
            yaml_event_t event;
            if (!yaml_parser_parse(&parser, &event)) {
                fprintf(stderr, "%s:%zu:%zu: %s\n", argv[i], parser.problem_mark.line + 1,
                        parser.problem_mark.column + 1, parser.problem ? parser.problem : "error");
                yaml_parser_delete(&parser);
                free(bytes);
                return 1;
            }
            done = event.type == YAML_STREAM_END_EVENT;
            events++;
            yaml_event_delete(&event);
        }
        yaml_parser_delete(&parser);
        free(bytes);
    }
    printf("%llu events\n", events);
    return 0;
}
