package dev.tollgate.filters.upstream.exchange;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** The HTTP client for STS calls: its own small connection pool, warmed up before the first exchange. */
public final class StsWebClients {

	private StsWebClients() {
	}

	/**
	 * Builds the STS client from the application's builder. Idle connections are dropped after 20 s, before most
	 * servers and load balancers close them, so a request rarely meets a connection the STS already closed (e.g.
	 * after a restart). {@link HttpClient#warmup()} loads Netty's event loops, resolver and native transport at
	 * startup, so the first exchange does not spend its time budget on that.
	 */
	public static WebClient create(WebClient.Builder builder) {
		ConnectionProvider pool = ConnectionProvider.builder("tollgate-sts")
			.maxConnections(200)
			.maxIdleTime(Duration.ofSeconds(20))
			.maxLifeTime(Duration.ofMinutes(5))
			.pendingAcquireTimeout(Duration.ofSeconds(5))
			.evictInBackground(Duration.ofSeconds(30))
			.build();
		// Redirects stay off (the default): a token endpoint that redirects gets no second POST with secrets.
		HttpClient http = HttpClient.create(pool).followRedirect(false);
		http.warmup().block(Duration.ofSeconds(30));
		return builder.clientConnector(new ReactorClientHttpConnector(http)).build();
	}

}
