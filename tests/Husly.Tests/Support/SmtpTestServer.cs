using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Husly.Tests.Support;

/// <summary>A real SMTP server on loopback (the SmtpServer library): Husly's delivery talks SMTP to it over TCP, as to
/// any mail server, and tests read what arrived. It can be stopped and started again on the same port.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private CancellationTokenSource? _stop;
    private Task? _running;

    public SmtpTestServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Received => _received;

    /// <summary>The settings that point an app at this server.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:PollSeconds"] = "0.2",
        ["Mail:RetryDelaySeconds"] = "0.2",
    };

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }
        await _stop.CancelAsync();
        try
        {
            await _running!;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _stop = null;
    }

    /// <summary>The messages that arrived with this Message-Id (the outbox id).</summary>
    public List<MimeMessage> WithId(Guid outboxId) => [.. _received.Where(m => m.MessageId == $"{outboxId:N}@husly")];

    public async Task<MimeMessage> WaitForAsync(Guid outboxId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < until)
        {
            if (WithId(outboxId) is [var message, ..])
            {
                return message;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"message {outboxId} did not arrive");
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
