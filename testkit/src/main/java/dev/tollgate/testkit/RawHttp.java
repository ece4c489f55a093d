package dev.tollgate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client that sends exactly the bytes a test writes: no path normalisation, no header folding, no
 * de-duplication. HTTP clients clean up what they send ({@code //}, dot segments, percent-encoding, duplicate
 * headers), which hides exactly what an edge must get right, so edge tests go through this one.
 *
 * <pre>{@code
 * RawHttp.Response r = RawHttp.to(port).send("GET /%61ctuator/apikeys HTTP/1.1\r\nHost: x\r\n\r\n");
 * }</pre>
 */
public final class RawHttp {

	private final InetSocketAddress target;

	private final InetAddress localAddress;

	private final Duration timeout;

	private RawHttp(InetSocketAddress target, InetAddress localAddress, Duration timeout) {
		this.target = target;
		this.localAddress = localAddress;
		this.timeout = timeout;
	}

	/** A client for {@code 127.0.0.1:port} with a 10 s read timeout. */
	public static RawHttp to(int port) {
		return new RawHttp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, Duration.ofSeconds(10));
	}

	/** The same client, connecting from another loopback address (e.g. {@code 127.0.0.2}) to play another peer. */
	public RawHttp from(String localAddress) {
		try {
			return new RawHttp(this.target, InetAddress.getByName(localAddress), this.timeout);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(localAddress, ex);
		}
	}

	/** The same client with another read timeout. */
	public RawHttp timeout(Duration timeout) {
		return new RawHttp(this.target, this.localAddress, timeout);
	}

	/** A simple request: {@code METHOD target HTTP/1.1}, {@code Host: localhost}, the given header lines, no body. */
	public Response request(String method, String requestTarget, String... headerLines) {
		StringBuilder raw = new StringBuilder().append(method).append(' ').append(requestTarget).append(" HTTP/1.1\r\n");
		raw.append("Host: localhost\r\n");
		for (String line : headerLines) {
			raw.append(line).append("\r\n");
		}
		raw.append("Connection: close\r\n\r\n");
		return send(raw.toString());
	}

	/** Sends {@code raw} (ISO-8859-1) on a new connection and reads one response. */
	public Response send(String raw) {
		try (Connection connection = open()) {
			connection.write(raw);
			return connection.read();
		}
	}

	/** Opens a keep-alive connection for several requests, or for partial writes. */
	public Connection open() {
		try {
			Socket socket = new Socket();
			if (this.localAddress != null) {
				socket.bind(new InetSocketAddress(this.localAddress, 0));
			}
			socket.connect(this.target, (int) this.timeout.toMillis());
			socket.setSoTimeout((int) this.timeout.toMillis());
			socket.setTcpNoDelay(true);
			return new Connection(socket);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot connect to " + this.target, ex);
		}
	}

	/** One open connection. */
	public static final class Connection implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		Connection(Socket socket) throws IOException {
			this.socket = socket;
			this.in = socket.getInputStream();
			this.out = socket.getOutputStream();
		}

		/** Writes {@code raw} (ISO-8859-1) as it is. */
		public Connection write(String raw) {
			try {
				this.out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
				this.out.flush();
				return this;
			}
			catch (IOException ex) {
				throw new IllegalStateException("write failed", ex);
			}
		}

		/** Reads one response: status line, headers, and a body framed by Content-Length, chunks or close. */
		public Response read() {
			try {
				String statusLine = readLine();
				if (statusLine == null) {
					return Response.closed();
				}
				List<String[]> headers = new ArrayList<>();
				for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
					int colon = line.indexOf(':');
					headers.add(new String[] { line.substring(0, colon).trim(), line.substring(colon + 1).trim() });
				}
				int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
				byte[] body = readBody(headers, status);
				return new Response(status, statusLine, headers, new String(body, StandardCharsets.UTF_8));
			}
			catch (SocketTimeoutException ex) {
				return Response.timedOut();
			}
			catch (IOException ex) {
				return Response.closed();
			}
		}

		/** Whether the peer has closed the connection (reads end of stream within the socket timeout). */
		public boolean closedByPeer() {
			try {
				return this.in.read() == -1;
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			catch (IOException ex) {
				return true;
			}
		}

		private byte[] readBody(List<String[]> headers, int status) throws IOException {
			if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
				return new byte[0];
			}
			String length = header(headers, "Content-Length");
			if (length != null) {
				return this.in.readNBytes(Integer.parseInt(length));
			}
			if ("chunked".equalsIgnoreCase(header(headers, "Transfer-Encoding"))) {
				ByteArrayOutputStream body = new ByteArrayOutputStream();
				for (int size = chunkSize(); size > 0; size = chunkSize()) {
					body.write(this.in.readNBytes(size));
					readLine();
				}
				for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
					// trailers are not used by these tests
				}
				return body.toByteArray();
			}
			return this.in.readAllBytes();
		}

		private int chunkSize() throws IOException {
			String line = readLine();
			int semicolon = line.indexOf(';');
			return Integer.parseInt((semicolon >= 0) ? line.substring(0, semicolon).trim() : line.trim(), 16);
		}

		private String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int c;
			while ((c = this.in.read()) != -1) {
				if (c == '\n') {
					byte[] bytes = line.toByteArray();
					int end = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
					return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
				}
				line.write(c);
			}
			return (line.size() == 0) ? null : line.toString(StandardCharsets.ISO_8859_1);
		}

		@Override
		public void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing a test socket
			}
		}

	}

	private static String header(List<String[]> headers, String name) {
		for (String[] header : headers) {
			if (header[0].equalsIgnoreCase(name)) {
				return header[1];
			}
		}
		return null;
	}

	/**
	 * One response as received. {@code status} is -1 when the connection closed before a status line, -2 when no
	 * answer came within the timeout.
	 */
	public record Response(int status, String statusLine, List<String[]> headerLines, String body) {

		static Response closed() {
			return new Response(-1, "", List.of(), "");
		}

		static Response timedOut() {
			return new Response(-2, "", List.of(), "");
		}

		/** The first value of {@code name}, ignoring case, or {@code null}. */
		public String header(String name) {
			return RawHttp.header(this.headerLines, name);
		}

		/** Every value of {@code name}, ignoring case. */
		public List<String> headers(String name) {
			String lower = name.toLowerCase(Locale.ROOT);
			return this.headerLines.stream()
				.filter(h -> h[0].toLowerCase(Locale.ROOT).equals(lower))
				.map(h -> h[1])
				.toList();
		}

		@Override
		public String toString() {
			return this.statusLine + " " + this.body;
		}

	}

}
