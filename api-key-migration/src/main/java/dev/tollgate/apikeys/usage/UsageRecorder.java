package dev.tollgate.apikeys.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.store.ApiKeyStore;

/**
 * Counts calls off the request path: a request only merges into a bounded in-memory map (no I/O, no lock held
 * across calls); {@link #flush()}, run on a schedule by the host, writes the aggregated counts and last-use times
 * in one batch (a key's last use at most once a minute, {@link #LAST_USE_RESOLUTION}). When the map is full new cells are dropped and counted ({@link #dropped()}); a failed flush puts
 * its counts back (within the bound) for the next one.
 */
public final class UsageRecorder {

	private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

	private final UsageStore usage;

	private final ApiKeyStore keys;

	private final Clock clock;

	private static final long MILLIS_PER_DAY = 86_400_000L;

	/** The UTC date of the last call counted; racing writers store the same value. */
	private volatile LocalDate today;

	private final int maxCells;

	private final Map<UsageCell, Long> pending = new ConcurrentHashMap<>();

	private final Map<String, Instant> lastUse = new ConcurrentHashMap<>();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicBoolean flushing = new AtomicBoolean();

	/**
	 * Counters per batch: up to two {@code HINCRBY} and two {@code EXPIRE} each in Redis, so a batch is at most
	 * 2,000 commands in flight.
	 */
	static final int DEFAULT_BATCH_SIZE = 500;

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private final int batchSize;

	/**
	 * A key's last use is written at most once per this interval by one instance: at 10,000 active keys every flush
	 * wrote 10,000 of them (a lookup and a script each), more Redis commands than the calls' own counters, for a time
	 * reports read in days. A use not written yet stays pending and goes with the first flush after the interval.
	 */
	static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

	/** When this instance last wrote each key's last use; cleared when it outgrows {@link #maxCells}. */
	private final Map<String, Instant> lastUseWritten = new ConcurrentHashMap<>();

	/** @param maxCells bound on distinct pending counters (client, key, route, day) between flushes */
	public UsageRecorder(UsageStore usage, ApiKeyStore keys, Clock clock, int maxCells) {
		this(usage, keys, clock, maxCells, DEFAULT_BATCH_SIZE);
	}

	/**
	 * @param maxCells bound on distinct pending counters (client, key, route, day) between flushes
	 * @param batchSize the most counters (and, apart, last-use times) one flush writes at a time
	 */
	public UsageRecorder(UsageStore usage, ApiKeyStore keys, Clock clock, int maxCells, int batchSize) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1");
		}
		this.usage = usage;
		this.keys = keys;
		this.clock = clock;
		this.maxCells = maxCells;
		this.batchSize = batchSize;
	}

	/** A call made with {@code key} on {@code routeId}. Never blocks, never fails. */
	public void recordKeyCall(ApiKeyRecord key, String routeId) {
		Instant now = this.clock.instant();
		count(new UsageCell(UsageCell.CallKind.API_KEY, key.clientId(), key.keyId(), routeId, day(now)), 1);
		this.lastUse.merge(key.keyId(), now, (a, b) -> a.isAfter(b) ? a : b);
	}

	/** A call made by {@code clientId} with an OAuth token: the gateway calls this for bearer callers. */
	public void recordOAuthCall(String clientId, String routeId) {
		count(new UsageCell(UsageCell.CallKind.OAUTH, clientId, null, routeId, today()), 1);
	}

	/**
	 * Writes everything counted so far, {@code batchSize} counters and last-use times at a time, each batch once the
	 * one before it is written: a flush after a busy interval (thousands of keys) never puts more than one batch of
	 * commands in front of Redis at once. A batch that fails is kept, with every batch after it, for the next flush;
	 * batches written before it stay written. Concurrent calls while a flush runs complete at once.
	 */
	public CompletionStage<Void> flush() {
		if (!this.flushing.compareAndSet(false, true)) {
			return CompletableFuture.completedFuture(null);
		}
		Map<UsageCell, Long> counts = new HashMap<>();
		for (UsageCell cell : this.pending.keySet()) {
			Long n = this.pending.remove(cell);
			if (n != null) {
				counts.put(cell, n);
			}
		}
		Map<String, Instant> uses = lastUsesDue(this.clock.instant());
		if (counts.isEmpty() && uses.isEmpty()) {
			this.flushing.set(false);
			return CompletableFuture.completedFuture(null);
		}
		List<Map<UsageCell, Long>> countBatches = batches(counts, this.batchSize);
		List<Map<String, Instant>> useBatches = batches(uses, this.batchSize);
		AtomicInteger written = new AtomicInteger();
		return writeFrom(0, countBatches, useBatches, written).handle((v, ex) -> {
			if (ex != null) {
				int kept = 0;
				for (int i = written.get(); i < countBatches.size(); i++) {
					countBatches.get(i).forEach(this::count);
					kept += countBatches.get(i).size();
				}
				for (int i = written.get(); i < useBatches.size(); i++) {
					useBatches.get(i).forEach((id, when) -> {
						this.lastUseWritten.remove(id);
						this.lastUse.merge(id, when, (a, b) -> a.isAfter(b) ? a : b);
					});
				}
				log.warn("api-key usage flush failed ({} counters kept for the next flush): {}", kept, ex.toString());
			}
			this.flushing.set(false);
			return null;
		});
	}

	/**
	 * Takes the pending last uses of keys whose last use this instance has not written within
	 * {@link #LAST_USE_RESOLUTION}; the others stay pending for a later flush.
	 */
	private Map<String, Instant> lastUsesDue(Instant now) {
		if (this.lastUseWritten.size() > this.maxCells) {
			this.lastUseWritten.clear();
		}
		Map<String, Instant> due = new HashMap<>();
		for (String keyId : this.lastUse.keySet()) {
			Instant written = this.lastUseWritten.get(keyId);
			if (written != null && now.isBefore(written.plus(LAST_USE_RESOLUTION))) {
				continue;
			}
			Instant when = this.lastUse.remove(keyId);
			if (when != null) {
				due.put(keyId, when);
				this.lastUseWritten.put(keyId, now);
			}
		}
		return due;
	}

	private CompletableFuture<Void> writeFrom(int batch, List<Map<UsageCell, Long>> counts,
			List<Map<String, Instant>> uses, AtomicInteger written) {
		if (batch >= Math.max(counts.size(), uses.size())) {
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<Void> writes;
		try {
			writes = CompletableFuture.allOf(
					(batch < counts.size()) ? this.usage.add(counts.get(batch)).toCompletableFuture() : DONE,
					(batch < uses.size()) ? this.keys.recordLastUse(uses.get(batch)).toCompletableFuture() : DONE);
		}
		catch (RuntimeException ex) {
			writes = CompletableFuture.failedFuture(ex);
		}
		return writes.thenCompose((v) -> {
			written.set(batch + 1);
			return writeFrom(batch + 1, counts, uses, written);
		});
	}

	private static <K, V> List<Map<K, V>> batches(Map<K, V> all, int size) {
		List<Map<K, V>> batches = new ArrayList<>();
		Map<K, V> batch = new HashMap<>();
		for (Map.Entry<K, V> entry : all.entrySet()) {
			batch.put(entry.getKey(), entry.getValue());
			if (batch.size() == size) {
				batches.add(batch);
				batch = new HashMap<>();
			}
		}
		if (!batch.isEmpty()) {
			batches.add(batch);
		}
		return batches;
	}

	/** Calls not counted because the pending map was full. */
	public long dropped() {
		return this.dropped.get();
	}

	/** Counters waiting for the next flush. */
	public int pendingCells() {
		return this.pending.size();
	}

	private void count(UsageCell cell, long n) {
		if (this.pending.size() >= this.maxCells && !this.pending.containsKey(cell)) {
			this.dropped.addAndGet(n);
			return;
		}
		this.pending.merge(cell, n, Long::sum);
	}

	/**
	 * Today (UTC) from the clock's milliseconds, the {@link LocalDate} built once a day: every OAuth call is counted,
	 * and converting an {@link Instant} through the time-zone rules showed in the request profile.
	 */
	private LocalDate today() {
		long epochDay = Math.floorDiv(this.clock.millis(), MILLIS_PER_DAY);
		LocalDate cached = this.today;
		if (cached == null || cached.toEpochDay() != epochDay) {
			cached = LocalDate.ofEpochDay(epochDay);
			this.today = cached;
		}
		return cached;
	}

	private static LocalDate day(Instant now) {
		return LocalDate.ofInstant(now, ZoneOffset.UTC);
	}

}
