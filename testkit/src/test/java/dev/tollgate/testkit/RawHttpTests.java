package dev.tollgate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RawHttpTests {

	@Test
	void sendWhenRequestHasUnnormalizedPathAndDuplicateHeadersThenBytesArriveUnchanged() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> answer(server,
					"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\nX-A: 2\r\n\r\nok"));

			RawHttp.Response response = RawHttp.to(server.getLocalPort())
				.send("GET //a/./b/%2e%2e;x=1 HTTP/1.1\r\nHost: h\r\nX_Api_Key: k\r\nX_Api_Key: k\r\n\r\n");

			assertThat(received.get()).startsWith("GET //a/./b/%2e%2e;x=1 HTTP/1.1\r\n")
				.contains("X_Api_Key: k\r\nX_Api_Key: k\r\n");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("ok");
			assertThat(response.headers("x-a")).containsExactly("1", "2");
		}
	}

	@Test
	void readWhenChunkedBodyThenBodyJoined() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture.runAsync(() -> answer(server,
					"HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));

			RawHttp.Response response = RawHttp.to(server.getLocalPort()).request("GET", "/x");

			assertThat(response.status()).isEqualTo(401);
			assertThat(response.body()).isEqualTo("abcde");
		}
	}

	@Test
	void readWhenServerNeverAnswersThenTimedOutStatus() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				RawHttp.Connection connection = RawHttp.to(server.getLocalPort())
					.timeout(Duration.ofMillis(200))
					.open()) {
			try (Socket accepted = server.accept()) {
				assertThat(connection.write("GET / HTTP/1.1\r\n").read().status()).isEqualTo(-2);
			}
		}
	}

	private static String answer(ServerSocket server, String response) {
		try (Socket socket = server.accept()) {
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				head.write(in.read());
			}
			socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return head.toString(StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
