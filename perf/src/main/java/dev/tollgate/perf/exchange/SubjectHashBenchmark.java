package dev.tollgate.perf.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * For scale next to {@link ExchangeCacheHitBenchmark}: SHA-256 of a subject token the size of the in-process
 * authorization server's RS256 at+jwt (about 850 characters), the first thing every cache lookup does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SubjectHashBenchmark {

	private final String token = "eyJ" + "a".repeat(847);

	@Benchmark
	public byte[] sha256OfSubjectToken() throws NoSuchAlgorithmException {
		return MessageDigest.getInstance("SHA-256").digest(this.token.getBytes(StandardCharsets.US_ASCII));
	}

}
