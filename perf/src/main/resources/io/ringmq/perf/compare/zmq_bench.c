/*
 * libzmq's side of `ringmq-perf compare`: the same workloads the Java side runs, with libzmq's C API and its
 * default options, both ends in this one process with a context each (libzmq's default single I/O thread per
 * context; one shared context for inproc, which needs it), as the Java side runs both ends in one JVM. Built by compare with `cc -O2 zmq_bench.c -lzmq -lpthread` against Debian's
 * libzmq3-dev. Results go to stdout for compare to parse:
 *
 *   zmq_bench reqrep   ENDPOINT SIZE WARMUP COUNT GAP_US   one round-trip time in ns per line, after "samples N"
 *                                                         (GAP_US > 0: the client sleeps that long before each)
 *   zmq_bench pushpull ENDPOINT SIZE WARMUP COUNT          "elapsed_ns N cpu_ns N" of COUNT messages
 *   zmq_bench idlecpu  ENDPOINT SECONDS                    "wall_ns N cpu_ns N" of a connected, idle REQ/REP pair
 *
 * and, for two processes, libzmq's own perf tools' throughput pair with their command lines and result lines
 * (Debian ships libzmq without them):
 *
 *   zmq_bench local_thr  BIND-TO    SIZE COUNT            PULL binds, receives COUNT messages, prints the rate
 *   zmq_bench remote_thr CONNECT-TO SIZE COUNT            PUSH connects, sends COUNT messages
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zmq.h>

static void *bind_ctx;
static void *connect_ctx;

static void die(const char *what)
{
    fprintf(stderr, "zmq_bench: %s: %s\n", what, zmq_strerror(zmq_errno()));
    exit(1);
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_us(long us)
{
    struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
    {
    }
}

struct peer
{
    void *socket;
    int size;
    long messages;
};

/* REP: echo every request. */
static void *echo(void *arg)
{
    struct peer *peer = arg;
    char *buffer = malloc(peer->size + 1);
    for (long i = 0; i < peer->messages; i++)
    {
        int n = zmq_recv(peer->socket, buffer, peer->size + 1, 0);
        if (n < 0 || zmq_send(peer->socket, buffer, n, 0) < 0)
        {
            die("echo");
        }
    }
    free(buffer);
    return NULL;
}

/* PULL: take every message. */
static void *drain(void *arg)
{
    struct peer *peer = arg;
    char *buffer = malloc(peer->size + 1);
    for (long i = 0; i < peer->messages; i++)
    {
        if (zmq_recv(peer->socket, buffer, peer->size + 1, 0) < 0)
        {
            die("drain");
        }
    }
    free(buffer);
    return NULL;
}

static void *bound(int type, const char *endpoint)
{
    void *socket = zmq_socket(bind_ctx, type);
    if (!socket || zmq_bind(socket, endpoint) != 0)
    {
        die(endpoint);
    }
    return socket;
}

static void *connected(int type, const char *endpoint)
{
    void *socket = zmq_socket(connect_ctx, type);
    if (!socket || zmq_connect(socket, endpoint) != 0)
    {
        die(endpoint);
    }
    return socket;
}

static void round_trip(void *req, char *buffer, int size)
{
    if (zmq_send(req, buffer, size, 0) < 0 || zmq_recv(req, buffer, size + 1, 0) < 0)
    {
        die("round trip");
    }
}

static int reqrep(const char *endpoint, int size, long warmup, long count, long gap_us)
{
    struct peer rep = { bound(ZMQ_REP, endpoint), size, warmup + count };
    void *req = connected(ZMQ_REQ, endpoint);
    pthread_t thread;
    pthread_create(&thread, NULL, echo, &rep);
    char *buffer = calloc(1, size + 1);
    int64_t *samples = malloc(sizeof(int64_t) * count);
    for (long i = 0; i < warmup; i++)
    {
        round_trip(req, buffer, size);
    }
    for (long i = 0; i < count; i++)
    {
        if (gap_us > 0)
        {
            sleep_us(gap_us);
        }
        int64_t start = now_ns();
        round_trip(req, buffer, size);
        samples[i] = now_ns() - start;
    }
    pthread_join(thread, NULL);
    printf("samples %ld\n", count);
    for (long i = 0; i < count; i++)
    {
        printf("%lld\n", (long long)samples[i]);
    }
    zmq_close(req);
    zmq_close(rep.socket);
    return 0;
}

static int pushpull(const char *endpoint, int size, long warmup, long count)
{
    struct peer pull = { bound(ZMQ_PULL, endpoint), size, warmup + count };
    void *push = connected(ZMQ_PUSH, endpoint);
    char *buffer = calloc(1, size);
    /* The warm-up also waits for the connection, as the Java side does. */
    pull.messages = 1;
    zmq_send(push, buffer, size, 0);
    drain(&pull);
    pull.messages = warmup + count;
    pthread_t thread;
    pthread_create(&thread, NULL, drain, &pull);
    for (long i = 0; i < warmup; i++)
    {
        zmq_send(push, buffer, size, 0);
    }
    int64_t start = now_ns();
    int64_t cpu_start = cpu_ns();
    for (long i = 0; i < count; i++)
    {
        if (zmq_send(push, buffer, size, 0) < 0)
        {
            die("push");
        }
    }
    pthread_join(thread, NULL);
    printf("elapsed_ns %lld cpu_ns %lld\n", (long long)(now_ns() - start), (long long)(cpu_ns() - cpu_start));
    zmq_close(push);
    zmq_close(pull.socket);
    return 0;
}

static int idlecpu(const char *endpoint, double seconds)
{
    struct peer rep = { bound(ZMQ_REP, endpoint), 8, 2 };
    void *req = connected(ZMQ_REQ, endpoint);
    pthread_t thread;
    pthread_create(&thread, NULL, echo, &rep);
    char buffer[9] = { 0 };
    round_trip(req, buffer, 8);
    int64_t start = now_ns();
    int64_t cpu_start = cpu_ns();
    sleep_us((long)(seconds * 1e6));
    printf("wall_ns %lld cpu_ns %lld\n", (long long)(now_ns() - start), (long long)(cpu_ns() - cpu_start));
    round_trip(req, buffer, 8);
    pthread_join(thread, NULL);
    zmq_close(req);
    zmq_close(rep.socket);
    return 0;
}

/* As libzmq's perf/local_thr.cpp: the clock starts at the first message. */
static int local_thr(const char *endpoint, int size, long count)
{
    void *pull = bound(ZMQ_PULL, endpoint);
    char *buffer = malloc(size + 1);
    if (zmq_recv(pull, buffer, size + 1, 0) < 0)
    {
        die("local_thr");
    }
    int64_t start = now_ns();
    for (long i = 1; i < count; i++)
    {
        if (zmq_recv(pull, buffer, size + 1, 0) < 0)
        {
            die("local_thr");
        }
    }
    double elapsed_us = (now_ns() - start) / 1000.0;
    long throughput = (long)(count / elapsed_us * 1000000);
    printf("message size: %d [B]\nmessage count: %ld\nmean throughput: %ld [msg/s]\nmean throughput: %.3f [Mb/s]\n",
        size, count, throughput, (double)throughput * size * 8 / 1000000);
    zmq_close(pull);
    return 0;
}

/* As libzmq's perf/remote_thr.cpp. */
static int remote_thr(const char *endpoint, int size, long count)
{
    void *push = connected(ZMQ_PUSH, endpoint);
    char *buffer = calloc(1, size);
    for (long i = 0; i < count; i++)
    {
        if (zmq_send(push, buffer, size, 0) < 0)
        {
            die("remote_thr");
        }
    }
    zmq_close(push);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4)
    {
        fprintf(stderr, "usage: zmq_bench reqrep|pushpull|idlecpu|local_thr|remote_thr ENDPOINT ...\n");
        return 2;
    }
    bind_ctx = zmq_ctx_new();
    connect_ctx = strncmp(argv[2], "inproc://", 9) == 0 ? bind_ctx : zmq_ctx_new();
    int rc;
    if (strcmp(argv[1], "reqrep") == 0 && argc == 7)
    {
        rc = reqrep(argv[2], atoi(argv[3]), atol(argv[4]), atol(argv[5]), atol(argv[6]));
    }
    else if (strcmp(argv[1], "pushpull") == 0 && argc == 6)
    {
        rc = pushpull(argv[2], atoi(argv[3]), atol(argv[4]), atol(argv[5]));
    }
    else if (strcmp(argv[1], "local_thr") == 0 && argc == 5)
    {
        rc = local_thr(argv[2], atoi(argv[3]), atol(argv[4]));
    }
    else if (strcmp(argv[1], "remote_thr") == 0 && argc == 5)
    {
        rc = remote_thr(argv[2], atoi(argv[3]), atol(argv[4]));
    }
    else if (strcmp(argv[1], "idlecpu") == 0 && argc == 4)
    {
        rc = idlecpu(argv[2], atof(argv[3]));
    }
    else
    {
        fprintf(stderr, "zmq_bench: bad arguments\n");
        return 2;
    }
    fflush(stdout);
    if (connect_ctx != bind_ctx)
    {
        zmq_ctx_term(connect_ctx);
    }
    zmq_ctx_term(bind_ctx);
    return rc;
}
