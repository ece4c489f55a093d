package dev.tollgate.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpResources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The test servers outlive a gateway context closing in the same JVM. Spring disposes Reactor Netty's global
 * resources when a context closes; a server bound on them then could not close its own channel (CI saw "Socket
 * couldn't be stopped within 3000ms" in two gateway-app test classes).
 */
class TestServersTests {

	@Test
	void closeWhenGlobalResourcesDisposedFirstThenEchoUpstreamStillServesAndStops() throws Exception {
		EchoUpstream upstream = EchoUpstream.start(0);
		HttpResources.disposeLoopsAndConnections();
		assertThat(get("http://127.0.0.1:" + upstream.port() + "/still-here").statusCode()).isEqualTo(200);
		assertThatCode(upstream::close).doesNotThrowAnyException();
		assertThat(upstream.requests()).isEqualTo(1);
	}

	@Test
	void closeWhenGlobalResourcesDisposedFirstThenMcpTestServerStops() {
		McpTestServer server = McpTestServer.start("read_file");
		HttpResources.disposeLoopsAndConnections();
		assertThatCode(server::close).doesNotThrowAnyException();
	}

	private static HttpResponse<String> get(String uri) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
