package dev.tollgate.perf.load.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.jwk.JWK;

import dev.tollgate.testkit.TestDpopProofs;

/**
 * DPoP-bound callers for the {@code tollgate-dpop} row: each client's token is bound to one RSA key ({@code cnf.jkt}),
 * and every request carries a proof of its own (RFC 9449 §4.2: a fresh {@code jti}, the request's {@code htm} and
 * {@code htu}, {@code ath} of the token), because the gateway refuses a replayed proof. Proofs are signed before the
 * measurement (wrk cannot sign) into a file of one request per line, {@code Authorization} and {@code DPoP} separated
 * by a tab; a run that needs more requests than the file holds wraps around and its replays are counted as errors.
 */
public final class DpopProofs {

	private final JWK key;

	private final List<String> tokens;

	private final String htu;

	/**
	 * @param key the callers' key (private), the one their tokens are bound to
	 * @param tokens one DPoP-bound access token per client, in client order
	 * @param htu the URL the requests target at the gateway's public base URL
	 */
	public DpopProofs(JWK key, List<String> tokens, String htu) {
		this.key = key;
		this.tokens = List.copyOf(tokens);
		this.htu = htu;
	}

	/** The headers of one more request of the first client, with a proof never used before (the smoke request). */
	public String[] smokeHeaders() {
		return new String[] { "Authorization", "DPoP " + this.tokens.get(0), "DPoP", proof(this.tokens.get(0)) };
	}

	/** Writes {@code requests} request lines rotating over the first {@code clients} clients, signed in parallel. */
	public Path write(Path file, int clients, int requests) {
		int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<String>>> parts = new ArrayList<>(threads);
			int chunk = (requests + threads - 1) / threads;
			for (int t = 0; t < threads; t++) {
				int from = t * chunk;
				int to = Math.min(requests, from + chunk);
				parts.add(pool.submit(() -> lines(from, to, clients)));
			}
			List<String> lines = new ArrayList<>(requests);
			for (Future<List<String>> part : parts) {
				lines.addAll(part.get());
			}
			Files.write(file, lines, StandardCharsets.US_ASCII);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("signing DPoP proofs failed", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private List<String> lines(int from, int to, int clients) {
		List<String> lines = new ArrayList<>(to - from);
		for (int i = from; i < to; i++) {
			String token = this.tokens.get(i % clients);
			lines.add("Authorization: DPoP " + token + "\tDPoP: " + proof(token));
		}
		return lines;
	}

	private String proof(String token) {
		return TestDpopProofs.proof(this.key)
			.method("GET")
			.uri(this.htu)
			.accessToken(token)
			.jti(UUID.randomUUID().toString())
			.build();
	}

}
