/*
 * run_measured: runs a command and reports its wall time and peak resident memory.
 *
 *   run_measured REPORT_FILE COMMAND [ARGS...]
 *
 * Forks, execs COMMAND, waits for it with wait4 and writes "WALL_SECONDS MAXRSS_KB CPU_SECONDS"
 * (CPU = user + system) to REPORT_FILE; exits with the command's exit status (128+N if killed by signal N).
 *
 * Why not os.wait4 in Python directly: on exec, Linux carries the parent's peak RSS into
 * the child's ru_maxrss (exec_mmap records the old mm's high-water mark), so every child
 * of a Python process reports at least Python's own ~15 MB. This helper's footprint is
 * about 1 MB, so the figure it reports is the command's own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: run_measured REPORT_FILE COMMAND [ARGS...]\n");
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) { perror("wait4"); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    FILE *report = fopen(argv[1], "w");
    if (!report) { perror(argv[1]); return 2; }
    double cpu = (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
               + (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    fprintf(report, "%.6f %ld %.6f\n", wall, usage.ru_maxrss, cpu);
    fclose(report);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 2;
}
