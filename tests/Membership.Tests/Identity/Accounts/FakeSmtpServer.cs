using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Membership.Tests.Identity.Accounts;

/// <summary>A message as the SMTP server received it: the envelope's recipients and the message itself.</summary>
internal sealed record SmtpDelivery(string MailFrom, IReadOnlyList<string> Recipients, ReceivedMail Mail, string Raw);

/// <summary>
/// An SMTP server on a loopback port that speaks just enough for MailKit without TLS or authentication (EHLO/HELO,
/// MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT) and keeps what it is sent.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<SmtpDelivery> _deliveries = [];
    private readonly List<(string Address, TaskCompletionSource Delivered)> _waiting = [];

    /// <summary>On a free port, or on <paramref name="port"/>: a server that comes back where one was down.</summary>
    public FakeSmtpServer(int port = 0)
    {
        _listener = new(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Resets the connection on QUIT instead of answering 221: a server that has taken the message but fails to say goodbye.</summary>
    public bool DropOnQuit { get; init; }

    /// <summary>A loopback port nothing listens on: an SMTP server that is down.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>What reached <paramref name="address"/>.</summary>
    public IReadOnlyList<SmtpDelivery> To(string address) =>
        [.. Deliveries.Where(d => d.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Completes once a message to <paramref name="address"/> has been accepted (at once if one already was).</summary>
    public Task DeliveredToAsync(string address)
    {
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_deliveries)
        {
            _waiting.Add((address, delivered));
            if (_deliveries.Any(d => d.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase)))
            {
                delivered.TrySetResult();
            }
        }

        return delivered.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public IReadOnlyList<SmtpDelivery> Deliveries
    {
        get
        {
            lock (_deliveries)
            {
                return [.. _deliveries];
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 fake-smtp ready");
        string? from = null;
        var recipients = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-fake-smtp");
                    await writer.WriteLineAsync("250 SIZE 10485760");
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 fake-smtp");
                    break;
                case "MAIL":
                    from = Address(line);
                    recipients.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    recipients.Add(Address(line));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    var raw = data.ToString();
                    using (var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw))))
                    {
                        lock (_deliveries)
                        {
                            _deliveries.Add(new SmtpDelivery(from ?? string.Empty, [.. recipients], ReceivedMail.From(message), raw));
                            foreach (var waiting in _waiting.Where(w => recipients.Contains(w.Address, StringComparer.OrdinalIgnoreCase)))
                            {
                                waiting.Delivered.TrySetResult();
                            }
                        }
                    }

                    await writer.WriteLineAsync("250 OK: queued");
                    break;
                case "RSET":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT" when DropOnQuit:
                    client.Client.LingerState = new LingerOption(true, 0); // closing now sends a reset
                    return;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    /// <summary>The address in "MAIL FROM:&lt;a@b&gt; SIZE=…" or "RCPT TO:&lt;a@b&gt;".</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
