package dev.tollgate.app.edge;

import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one {@code Upgrade} the edge keeps: a WebSocket handshake still works through a route, while whatever else
 * its {@code Connection} header nominates, and any identity header, stays behind (RFC 9110 §7.6.1, §7.8).
 */
class WebSocketEdgeTests extends EdgeGateway {

	@Test
	void handshakeWhenConnectionNominatesUpgradeAndMoreThen101AndUpstreamHandshakeWithoutNominatedHeaders()
			throws Exception {
		try (RawHttp.Connection connection = raw().open()) {
			connection.write("GET /ws/hello HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade, X-Custom\r\nX-Custom: 1\r\nX-Forwarded-User: admin\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

			RawHttp.Response response = connection.read();

			assertThat(response.status()).as(response.toString()).isEqualTo(101);
			assertThat(response.header("Upgrade")).isEqualToIgnoringCase("websocket");
			HttpHeaders upstream = webSocketHandshake.get(10, TimeUnit.SECONDS);
			assertThat(upstream.contains("X-Custom")).isFalse();
			assertThat(upstream.contains("X-Forwarded-User")).isFalse();
			assertThat(upstream.get("Upgrade")).isEqualToIgnoringCase("websocket");
		}
	}

}
