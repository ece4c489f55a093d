package dev.tollgate.perf.load.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Free loopback ports and waiting for a listener. Everything the harness starts binds 127.0.0.1. */
public final class Ports {

	private Ports() {
	}

	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether something accepts connections on 127.0.0.1:{@code port} within {@code timeout}. */
	public static boolean awaitListening(int port, Duration timeout, ProcessHandle owner) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (owner != null && !owner.isAlive()) {
				return false;
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
				// A connect to a free ephemeral port can "succeed" by connecting to itself (TCP simultaneous open).
				if (socket.getLocalPort() != port) {
					return true;
				}
				pause();
			}
			catch (IOException ex) {
				pause();
			}
		}
		return false;
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
