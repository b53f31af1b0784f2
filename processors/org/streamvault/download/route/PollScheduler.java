package org.streamvault.download.route;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceSupport;
import org.streamvault.download.StreamRecorder;

/**
 * When a poll route's {@code scheduler:} consumer fires next: as soon as the previous cycle has
 * run, it asks the stream's recorder how long until a poll or resolution is due
 * ({@link StreamRecorder#millisUntilDue}: the playlist's own reload interval, jittered) and fires
 * once after that, so nothing ticks in between and each exchange is one poll cycle.
 *
 * <p>Being the consumer's scheduler, not a loop of exchanges, is what makes stopping the route
 * quick: Camel cancels the pending fire and waits only for a cycle that is running. Each start
 * begins a new generation, so a fire left over from before a stop never runs beside the new loop.
 */
final class PollScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {
    private final StreamRecorder recorder;
    private CamelContext camelContext;
    private ScheduledPollConsumer consumer;
    private ScheduledExecutorService executor;
    private boolean ownExecutor;
    private Runnable task;
    private ScheduledFuture<?> pending;
    private long generation;
    private boolean running;

    PollScheduler(StreamRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public synchronized void onInit(Consumer consumer) {
        this.consumer = (ScheduledPollConsumer) consumer;
    }

    @Override
    public synchronized void scheduleTask(Runnable task) {
        this.task = task;
    }

    @Override
    public synchronized void startScheduler() {
        if (running || task == null) {
            return;
        }
        running = true;
        generation++;
        schedule(generation, 0);
    }

    @Override
    public synchronized boolean isSchedulerStarted() {
        return running;
    }

    @Override
    public synchronized void unscheduleTask() {
        running = false;
        generation++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    @Override
    protected synchronized void doStart() {
        // the scheduler component gives each endpoint name its own single-thread pool
        executor = consumer == null ? null : consumer.getScheduledExecutorService();
        ownExecutor = executor == null;
        if (ownExecutor) {
            executor = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                    "downloader-poll-" + recorder.channel() + "-" + recorder.quality());
        }
    }

    @Override
    protected void doStop() {
        unscheduleTask();
        ScheduledExecutorService own;
        synchronized (this) {
            own = ownExecutor ? executor : null;
            executor = null;
        }
        if (own != null) {
            camelContext.getExecutorServiceManager().shutdown(own);
        }
    }

    private void fire(long of) {
        Runnable t;
        synchronized (this) {
            if (of != generation) {
                return;
            }
            t = task;
        }
        try {
            t.run();
        } finally {
            synchronized (this) {
                if (of == generation && !recorder.stopped()) {
                    schedule(of, recorder.millisUntilDue());
                }
            }
        }
    }

    /** Caller holds the lock. */
    private void schedule(long of, long delayMillis) {
        if (executor == null) {
            return;
        }
        try {
            pending = executor.schedule(() -> fire(of), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending = null; // the pool is shutting down with the route
        }
    }

    @Override
    public synchronized CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public synchronized void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
