package dev.tollgate.perf.load.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import dev.tollgate.perf.load.systems.Stage;

/** One caller's request to the gateway's route, to see whether (or when) it is answered with a 2xx. */
final class FirstAnswer {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private FirstAnswer() {
	}

	/** Whether one request with {@code header} (name, value) gets a 2xx; a failed connection is a no. */
	static boolean ok(int port, String[] header) throws InterruptedException {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Stage.PATH))
				.header(header[0], header[1])
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Asks every 200 ms until a 2xx (the gateway may still be fetching keys when its port opens). */
	static void await(int port, String[] header, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!ok(port, header)) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("no 2xx for " + header[0] + " within " + timeout.toSeconds() + " s");
			}
			Thread.sleep(200);
		}
	}

}
