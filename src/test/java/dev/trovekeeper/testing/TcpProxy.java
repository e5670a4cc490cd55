package dev.trovekeeper.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP forwarder on a random loopback port in front of a server, so a test can take the server
 * away without stopping it: {@link #cut()} resets every open connection and every new one, as a
 * stopped server would, until {@link #restore()}. Plain sockets, two threads per connection.
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> open = new HashSet<>();
  private boolean down;

  private TcpProxy(InetSocketAddress target, ServerSocket server) {
    this.target = target;
    this.server = server;
  }

  /** Starts forwarding {@code 127.0.0.1:<port()>} to {@code targetHost:targetPort}. */
  public static TcpProxy start(String targetHost, int targetPort) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      TcpProxy proxy = new TcpProxy(new InetSocketAddress(targetHost, targetPort), server);
      daemon("tcp-proxy-accept-" + server.getLocalPort(), proxy::acceptLoop).start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the TCP proxy", e);
    }
  }

  /** The loopback port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * The server "stops": every open connection is reset, and each new one is reset as soon as it is
   * accepted, until {@link #restore()}.
   */
  public synchronized void cut() {
    down = true;
    open.forEach(TcpProxy::reset);
    open.clear();
  }

  /** The server is back: new connections are forwarded again. */
  public synchronized void restore() {
    down = false;
  }

  /** Connections being forwarded now (both ends of each count once). */
  public synchronized int openConnections() {
    return open.size() / 2;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    cut();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Socket upstream = connectUpstream(client);
      if (upstream != null) {
        register(client, upstream);
      }
    }
  }

  private Socket connectUpstream(Socket client) {
    if (isDown()) {
      reset(client);
      return null;
    }
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5_000);
      return upstream;
    } catch (IOException e) {
      reset(client);
      reset(upstream);
      return null;
    }
  }

  // Registered and started under the lock so that a cut() in between cannot miss the pair.
  private synchronized void register(Socket client, Socket upstream) {
    if (down) {
      reset(client);
      reset(upstream);
      return;
    }
    open.add(client);
    open.add(upstream);
    String name = "tcp-proxy-" + client.getPort();
    daemon(name + "-up", () -> pump(client, upstream)).start();
    daemon(name + "-down", () -> pump(upstream, client)).start();
  }

  private synchronized boolean isDown() {
    return down;
  }

  /** Copies bytes from one end to the other until either closes; then closes both. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // reset or closed by the other pump or by cut()
    }
    synchronized (this) {
      open.remove(from);
      open.remove(to);
    }
    closeQuietly(from);
    closeQuietly(to);
  }

  /** Closes with an RST (linger 0), as a peer that went away does, instead of an orderly FIN. */
  private static void reset(Socket socket) {
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0);
      }
    } catch (SocketException e) {
      // closing anyway
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
