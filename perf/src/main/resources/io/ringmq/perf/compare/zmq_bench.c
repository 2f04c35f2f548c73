/*
 * libzmq's side of `ringmq-perf compare`: the same workloads the Java side runs, with libzmq's C API and its
 * default options, both ends in this one process with a context each (libzmq's default single I/O thread per
 * context; one shared context for inproc, which needs it), as the Java side runs both ends in one JVM. Built by
 * compare with `cc -O2 zmq_bench.c -lzmq -lpthread` against Debian's libzmq3-dev. Results go to stdout for
 * compare to parse:
 *
 *   zmq_bench reqrep   ENDPOINT SIZE WARMUP COUNT GAP_US   one round-trip time in ns per line, after "samples N"
 *                                                         (GAP_US > 0: the client sleeps that long before each)
 *   zmq_bench pushpull ENDPOINT SIZE WARMUP COUNT          "elapsed_ns N cpu_ns N" of COUNT messages
 *   zmq_bench idlecpu  ENDPOINT SECONDS                    "wall_ns N cpu_ns N" of a connected, idle REQ/REP pair
 *   zmq_bench fanout   ENDPOINT SUBSCRIBERS RATE WARMUP_S SECONDS SIZE PER_SYMBOL
 *                                                         PUB binds (a tcp wildcard port is resolved), SUBSCRIBERS
 *                                                         SUBs connect, a paced publisher sends RATE quotes/s of SIZE
 *                                                         bytes for WARMUP_S then SECONDS (PER_SYMBOL 1: SUB i takes
 *                                                         symbol i only); prints "published N publish_ns N warmup N
 *                                                         endpoint E", then per SUB "subscriber I received N gaps N
 *                                                         p50_ns N p99_ns N max_ns N buckets K" and K lines
 *                                                         "value_ns count" of its one-way latency histogram
 *
 * and, for two processes, libzmq's own perf tools' throughput pair with their command lines and result lines
 * (Debian ships libzmq without them):
 *
 *   zmq_bench local_thr  BIND-TO    SIZE COUNT            PULL binds, receives COUNT messages, prints the rate
 *   zmq_bench remote_thr CONNECT-TO SIZE COUNT            PUSH connects, sends COUNT messages
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
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

/*
 * Fan-out, as the Java side's perf/fanout (FanoutSpec, Quote, Pacer, SubscriberStats) and compare run it: one
 * PUB in the binding context, the SUBs in the connecting one, each on its own connection; the main thread
 * publishes paced quotes and one thread serves every SUB with zmq_poll.
 */

/* Quote.java's frame: symbol, sequence (-1: a join probe), intended publish time, bid, ask; the rest of the frame
 * is padding. Host byte order: only this process reads its quotes. */
#define SYMBOLS 4
#define SYMBOL_LENGTH 6
#define SEQUENCE_OFFSET 6
#define INTENDED_TIME_OFFSET 14
#define BID_OFFSET 22
#define ASK_OFFSET 30
#define QUOTE_LENGTH 38

static const char *const symbols[SYMBOLS] = { "EURUSD", "GBPUSD", "USDJPY", "AUDUSD" };

/* Quotes a SUB takes per zmq_poll, as ringmq's side receives them, so that a busy SUB does not starve the rest. */
#define RECEIVE_BATCH 64
/* How long the subscriber thread's zmq_poll waits before it looks whether the run is over. */
#define POLL_MS 10
#define JOIN_TIMEOUT_NS 10000000000LL
/* SubscriberStats.drain: the run ends when nothing has arrived for this long. */
#define DRAIN_QUIET_NS 1000000000LL

/*
 * One-way latency histogram with the buckets of the Java side's HdrHistogram at 3 significant digits: 1 ns wide
 * below 2048 ns, then 1024 per power of two (under 0.1 % error), so that rebuilding it there loses nothing.
 * Values are clamped to 10 s as SubscriberStats clamps them; 2^34 ns > 10 s, hence 34 - 9 groups of 1024.
 */
#define SUB_BITS 10
#define LATENCY_HIGHEST_NS 10000000000LL
#define LATENCY_BUCKETS ((34 - 9) << SUB_BITS)

static int bucket_index(int64_t value)
{
    if (value < (1 << SUB_BITS))
    {
        return (int)value;
    }
    const int magnitude = 63 - __builtin_clzll((unsigned long long)value);
    return ((magnitude - 9) << SUB_BITS) + (int)((value >> (magnitude - SUB_BITS)) - (1 << SUB_BITS));
}

static int64_t bucket_lowest(int index)
{
    if (index < (2 << SUB_BITS))
    {
        return index;
    }
    const int shift = (index >> SUB_BITS) - 1;
    return (int64_t)((index & ((1 << SUB_BITS) - 1)) + (1 << SUB_BITS)) << shift;
}

static int64_t bucket_highest(int index)
{
    return index < (2 << SUB_BITS) ? index : bucket_lowest(index) + (1LL << ((index >> SUB_BITS) - 1)) - 1;
}

/* As HdrHistogram's getValueAtPercentile, for the summary line only: compare reads the buckets. */
static int64_t percentile(const int64_t *latency, int64_t total, double percent)
{
    int64_t rank = (int64_t)(percent / 100.0 * total + 0.5);
    rank = rank < 1 ? 1 : rank;
    int64_t seen = 0;
    for (int i = 0; i < LATENCY_BUCKETS; i++)
    {
        seen += latency[i];
        if (seen >= rank)
        {
            return bucket_highest(i);
        }
    }
    return 0;
}

/* What one SUB saw, as SubscriberStats. Written by the subscriber thread; the publisher polls the atomics. */
struct subscriber
{
    void *socket;
    atomic_bool saw_probe;
    atomic_llong received;
    int64_t gaps;
    int64_t next_sequence[SYMBOLS];
    int64_t *latency;
};

struct fanout_run
{
    struct subscriber *subscribers;
    int count;
    int frame_capacity;
    atomic_bool serving;
    /* Quotes intended from this time on are measured (SubscriberStats.recordFrom, set for every SUB at once). */
    atomic_llong record_from_ns;
};

static void encode_quote(char *frame, int symbol, int64_t sequence, int64_t intended_ns, double bid, double ask)
{
    memcpy(frame, symbols[symbol], SYMBOL_LENGTH);
    memcpy(frame + SEQUENCE_OFFSET, &sequence, sizeof sequence);
    memcpy(frame + INTENDED_TIME_OFFSET, &intended_ns, sizeof intended_ns);
    memcpy(frame + BID_OFFSET, &bid, sizeof bid);
    memcpy(frame + ASK_OFFSET, &ask, sizeof ask);
}

/* SubscriberStats.onQuote: a quote that arrived at now_ns. */
static void on_quote(struct fanout_run *run, struct subscriber *sub, const char *frame, int length, int64_t now)
{
    int64_t sequence = -1;
    if (length >= QUOTE_LENGTH)
    {
        memcpy(&sequence, frame + SEQUENCE_OFFSET, sizeof sequence);
    }
    if (sequence < 0)
    {
        atomic_store_explicit(&sub->saw_probe, true, memory_order_release);
        return;
    }
    for (int symbol = 0; symbol < SYMBOLS; symbol++)
    {
        if (memcmp(frame, symbols[symbol], SYMBOL_LENGTH) == 0)
        {
            /* 0 is "nothing seen yet", as in SubscriberStats: the first quote of a symbol is never a gap. */
            if (sequence != sub->next_sequence[symbol] && sub->next_sequence[symbol] != 0)
            {
                sub->gaps++;
            }
            sub->next_sequence[symbol] = sequence + 1;
            break;
        }
    }
    int64_t intended;
    memcpy(&intended, frame + INTENDED_TIME_OFFSET, sizeof intended);
    if (intended >= atomic_load_explicit(&run->record_from_ns, memory_order_acquire))
    {
        int64_t latency = now - intended;
        latency = latency < 0 ? 0 : latency > LATENCY_HIGHEST_NS ? LATENCY_HIGHEST_NS : latency;
        sub->latency[bucket_index(latency)]++;
        /* Only this thread writes it: a plain increment, published for the publisher's drain. */
        atomic_store_explicit(&sub->received,
            atomic_load_explicit(&sub->received, memory_order_relaxed) + 1, memory_order_release);
    }
}

/* The one thread serving every SUB: it blocks in zmq_poll, as a libzmq user of several sockets would. */
static void *serve(void *arg)
{
    struct fanout_run *run = arg;
    zmq_pollitem_t *items = calloc(run->count, sizeof *items);
    char *frame = malloc(run->frame_capacity);
    for (int i = 0; i < run->count; i++)
    {
        items[i].socket = run->subscribers[i].socket;
        items[i].events = ZMQ_POLLIN;
    }
    while (atomic_load_explicit(&run->serving, memory_order_acquire))
    {
        if (zmq_poll(items, run->count, POLL_MS) < 0)
        {
            if (zmq_errno() == EINTR)
            {
                continue;
            }
            die("zmq_poll");
        }
        for (int i = 0; i < run->count; i++)
        {
            if (!(items[i].revents & ZMQ_POLLIN))
            {
                continue;
            }
            for (int k = 0; k < RECEIVE_BATCH; k++)
            {
                /* zmq_recv returns the whole length even when it truncates; the quote fits in frame. */
                int length = zmq_recv(items[i].socket, frame, run->frame_capacity, ZMQ_DONTWAIT);
                if (length < 0)
                {
                    if (zmq_errno() == EAGAIN)
                    {
                        break;
                    }
                    die("subscriber");
                }
                on_quote(run, &run->subscribers[i], frame, length, now_ns());
            }
        }
    }
    free(frame);
    free(items);
    return NULL;
}

struct publisher
{
    void *socket;
    char *frame;
    int size;
    int64_t sent;
    int64_t sequences[SYMBOLS];
    double bid;
};

static void publish(struct publisher *pub)
{
    /* A PUB does not block: at a peer's high-water mark libzmq drops the quote and still reports it sent. */
    if (zmq_send(pub->socket, pub->frame, pub->size, 0) < 0)
    {
        die("publish");
    }
}

static void sleep_until(int64_t due_ns)
{
    struct timespec ts = { due_ns / 1000000000LL, due_ns % 1000000000LL };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
    {
    }
}

/*
 * Pacer.publish: every quote whose intended time has come is sent at once, then the thread sleeps until the next
 * is due (no spinning: on two cores a spinning publisher takes a core from the I/O and the subscriber). Each quote
 * carries its intended time, so a late wake-up or a burst counts against the latency (coordinated-omission
 * correct). As the Pacer, it also sleeps until the quote after the last would be due. Returns when it finished.
 */
static int64_t pace(struct publisher *pub, int rate, int64_t start_ns, int64_t total)
{
    const int64_t interval_ns = 1000000000LL / rate;
    const int64_t base = pub->sent;
    const int64_t end = pub->sent + total;
    while (pub->sent < end)
    {
        const int64_t now = now_ns();
        while (pub->sent < end && start_ns + (pub->sent - base) * interval_ns <= now)
        {
            const int symbol = (int)(pub->sent % SYMBOLS);
            const int64_t sequence = pub->sequences[symbol]++;
            pub->bid += (sequence & 1) == 0 ? 0.0001 : -0.0001;
            encode_quote(pub->frame, symbol, sequence, start_ns + (pub->sent - base) * interval_ns, pub->bid,
                pub->bid + 0.0002);
            publish(pub);
            pub->sent++;
        }
        sleep_until(start_ns + (pub->sent - base) * interval_ns);
    }
    return now_ns();
}

static bool all_saw_probe(const struct fanout_run *run)
{
    for (int i = 0; i < run->count; i++)
    {
        if (!atomic_load_explicit(&run->subscribers[i].saw_probe, memory_order_acquire))
        {
            return false;
        }
    }
    return true;
}

/* ZeroMQ's slow joiner: publish join probes until every SUB has seen one, as the Java side's awaitSubscribers. */
static void await_subscribers(struct fanout_run *run, struct publisher *pub)
{
    const int64_t deadline = now_ns() + JOIN_TIMEOUT_NS;
    int symbol = 0;
    while (!all_saw_probe(run))
    {
        if (now_ns() > deadline)
        {
            fprintf(stderr, "zmq_bench: subscribers did not join within 10 s\n");
            exit(1);
        }
        encode_quote(pub->frame, symbol++ % SYMBOLS, -1, 0, 0, 0);
        publish(pub);
        sleep_us(100);
    }
}

/* FanoutSpec.expectedFor: the quotes subscriber i should get out of published. */
static int64_t expected_for(int subscriber, int64_t published, bool per_symbol)
{
    if (!per_symbol)
    {
        return published;
    }
    const int symbol = subscriber % SYMBOLS;
    return published / SYMBOLS + (symbol < published % SYMBOLS ? 1 : 0);
}

/* SubscriberStats.drain: until every SUB has its quotes, or nothing has arrived for a second. */
static void drain_subscribers(struct fanout_run *run, int64_t published, bool per_symbol)
{
    int64_t last = -1;
    int64_t last_change = now_ns();
    while (now_ns() - last_change < DRAIN_QUIET_NS)
    {
        int64_t received = 0;
        int64_t expected = 0;
        for (int i = 0; i < run->count; i++)
        {
            received += atomic_load_explicit(&run->subscribers[i].received, memory_order_acquire);
            expected += expected_for(i, published, per_symbol);
        }
        if (received >= expected)
        {
            return;
        }
        if (received != last)
        {
            last = received;
            last_change = now_ns();
        }
        sleep_us(100);
    }
}

static int fanout(const char *endpoint, int subscribers, int rate, double warmup_s, double seconds, int size,
    bool per_symbol)
{
    if (subscribers < 1 || rate < 1 || size < QUOTE_LENGTH)
    {
        fprintf(stderr, "zmq_bench: fanout needs SUBSCRIBERS >= 1, RATE >= 1 (paced only) and SIZE >= %d\n",
            QUOTE_LENGTH);
        return 2;
    }
    void *pub_socket = bound(ZMQ_PUB, endpoint);
    char resolved[256];
    size_t resolved_length = sizeof resolved;
    if (zmq_getsockopt(pub_socket, ZMQ_LAST_ENDPOINT, resolved, &resolved_length) != 0)
    {
        die("ZMQ_LAST_ENDPOINT");
    }
    struct fanout_run run = {
        .subscribers = calloc(subscribers, sizeof(struct subscriber)), .count = subscribers, .frame_capacity = size };
    atomic_init(&run.serving, true);
    atomic_init(&run.record_from_ns, INT64_MAX);
    for (int i = 0; i < subscribers; i++)
    {
        struct subscriber *sub = &run.subscribers[i];
        sub->socket = zmq_socket(connect_ctx, ZMQ_SUB);
        atomic_init(&sub->saw_probe, false);
        atomic_init(&sub->received, 0);
        sub->latency = calloc(LATENCY_BUCKETS, sizeof(int64_t));
        const char *topic = per_symbol ? symbols[i % SYMBOLS] : "";
        if (!sub->socket || zmq_setsockopt(sub->socket, ZMQ_SUBSCRIBE, topic, strlen(topic)) != 0 ||
            zmq_connect(sub->socket, resolved) != 0)
        {
            die(resolved);
        }
    }
    pthread_t thread;
    pthread_create(&thread, NULL, serve, &run);

    struct publisher pub = { .socket = pub_socket, .frame = calloc(1, size), .size = size, .bid = 1.0842 };
    await_subscribers(&run, &pub);
    const int64_t warmup = (int64_t)(rate * warmup_s);
    pace(&pub, rate, now_ns(), warmup);
    const int64_t measure_from = now_ns();
    atomic_store_explicit(&run.record_from_ns, measure_from, memory_order_release);
    const int64_t published = (int64_t)(rate * seconds);
    const int64_t end = pace(&pub, rate, measure_from, published);
    drain_subscribers(&run, published, per_symbol);
    atomic_store_explicit(&run.serving, false, memory_order_release);
    pthread_join(thread, NULL);

    printf("published %lld publish_ns %lld warmup %lld endpoint %s\n", (long long)published,
        (long long)(end - measure_from), (long long)warmup, resolved);
    for (int i = 0; i < subscribers; i++)
    {
        const struct subscriber *sub = &run.subscribers[i];
        const int64_t received = atomic_load(&sub->received);
        int buckets = 0;
        int top = 0;
        for (int b = 0; b < LATENCY_BUCKETS; b++)
        {
            if (sub->latency[b] != 0)
            {
                buckets++;
                top = b;
            }
        }
        printf("subscriber %d received %lld gaps %lld p50_ns %lld p99_ns %lld max_ns %lld buckets %d\n", i,
            (long long)received, (long long)sub->gaps, (long long)percentile(sub->latency, received, 50),
            (long long)percentile(sub->latency, received, 99), (long long)(buckets ? bucket_highest(top) : 0),
            buckets);
        for (int b = 0; b < LATENCY_BUCKETS; b++)
        {
            if (sub->latency[b] != 0)
            {
                printf("%lld %lld\n", (long long)bucket_lowest(b), (long long)sub->latency[b]);
            }
        }
        zmq_close(sub->socket);
        free(sub->latency);
    }
    zmq_close(pub_socket);
    free(pub.frame);
    free(run.subscribers);
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
        fprintf(stderr, "usage: zmq_bench reqrep|pushpull|idlecpu|fanout|local_thr|remote_thr ENDPOINT ...\n");
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
    else if (strcmp(argv[1], "fanout") == 0 && argc == 9)
    {
        rc = fanout(argv[2], atoi(argv[3]), atoi(argv[4]), atof(argv[5]), atof(argv[6]), atoi(argv[7]),
            atoi(argv[8]) != 0);
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
