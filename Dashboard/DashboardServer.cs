using System.Net;
using System.Text.Json;
using GossipSim.RealNet.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GossipSim.Dashboard;

/// <summary>
/// The dashboard's web server, Kestrel on 127.0.0.1 only: the page (compiled in, works offline), frames as
/// server-sent events (<c>GET /events</c>), typed manager commands (<see cref="CommandJson"/>; <c>GET /api/manager</c>
/// lists them) and replay controls. All but the page's own files need the <see cref="DashboardToken"/>
/// (header <c>X-GossipSim-Token</c>, or a GET's query), else 403, so other local users and cross-site pages
/// can neither command nor watch; a loopback Host is required against DNS rebinding. Connections pass a
/// <see cref="ConnectionGate"/> (<see cref="EndpointLimits.Dashboard"/>) with Kestrel's timeouts, so idle floods hold bounded descriptors.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DashboardToken _token;

    private DashboardServer(WebApplication app, Uri url, DashboardToken token, ConnectionGate gate)
    {
        _app = app;
        Url = url;
        _token = token;
        Gate = gate;
    }

    /// <summary>The server's address, without the token.</summary>
    public Uri Url { get; }

    /// <summary>The page's address with the token: what the operator opens.</summary>
    public Uri PageUrl => new(Url, "?" + DashboardToken.QueryName + "=" + _token.Value);

    public DashboardToken Token => _token;

    public ConnectionGate Gate { get; }

    /// <summary>Starts serving <paramref name="session"/>; port 0 lets the OS choose. The token is written to a file in
    /// <paramref name="tokenDirectory"/> when one is given. Throws <see cref="IOException"/> when the port is taken.</summary>
    public static async Task<DashboardServer> StartAsync(DashboardSession session, int port, string? tokenDirectory = null,
        EndpointLimits? limits = null)
    {
        limits ??= EndpointLimits.Dashboard;
        var gate = new ConnectionGate(limits);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port, listen => listen.Use(next => async connection =>
            {
                using var admission = gate.TryAdmit((connection.RemoteEndPoint as IPEndPoint)?.Address, () => connection.Abort());
                if (admission == null) return; // every place is being answered: Kestrel closes it
                connection.Items[typeof(Admission)] = admission;
                await next(connection);
            }));
            k.AddServerHeader = false;
            k.Limits.KeepAliveTimeout = limits.IdleTimeout;
            k.Limits.RequestHeadersTimeout = limits.IdleTimeout;
            k.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestBytes;
            k.Limits.MaxRequestLineSize = Math.Min(limits.MaxRequestBytes, 8 << 10);
            k.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
        });
        builder.Services.AddRoutingCore();
        // The command owns Ctrl-C and SIGTERM (they stop the run); the host must not swallow them.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoSignalLifetime>();
        var app = builder.Build();
        var token = DashboardToken.New();
        app.Use(async (ctx, next) =>
        {
            string host = ctx.Request.Host.Host;
            if (host is not ("127.0.0.1" or "localhost"))
            {
                ctx.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return;
            }
            if (!IsPageFile(ctx.Request) && !token.Matches(PresentedToken(ctx.Request)))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                await ctx.Response.WriteAsync("this dashboard needs its token: open the address the command printed (ending in ?token=...)"
                    + (token.File != null ? $"; the token is also in {token.File}, which only the user who started it can read" : ""));
                return;
            }
            // Being answered: not closed to make room (the page's event stream is answered for as long as it is open).
            var admission = ctx.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(Admission), out var a) == true
                ? a as Admission : null;
            admission?.Answering();
            try { await next(ctx); }
            finally { admission?.Waiting(); }
        });
        if (HasGraphView)
        {
            MapAsset(app, "/", "index.html", "text/html; charset=utf-8");
            MapAsset(app, "/graph.js", "graph.js", "text/javascript; charset=utf-8");
            MapAsset(app, "/graph.LICENSES.txt", "graph.LICENSES.txt", "text/plain; charset=utf-8");
        }
        else MapAsset(app, "/", "no-graph-view.html", "text/html; charset=utf-8");
        MapAsset(app, "/app.js", "app.js", "text/javascript; charset=utf-8");
        MapAsset(app, "/plots.js", "plots.js", "text/javascript; charset=utf-8");
        MapAsset(app, "/style.css", "style.css", "text/css; charset=utf-8");
        app.MapGet("/favicon.ico", (HttpContext ctx) => { ctx.Response.StatusCode =
            StatusCodes.Status204NoContent; return Task.CompletedTask; });
        app.MapGet("/api/frame", (HttpContext ctx) => WriteJson(ctx, session.LatestFrame ?? "{}"));
        app.MapGet("/api/message", (HttpContext ctx) =>
        {
            int.TryParse(ctx.Request.Query["i"], out int i);
            return WriteJson(ctx, session.MessageJson(i));
        });
        app.MapGet("/events", (HttpContext ctx) => StreamAsync(ctx, session, app.Lifetime.ApplicationStopping));
        app.MapGet("/api/manager", (HttpContext ctx) => WriteJson(ctx,
            JsonSerializer.Serialize(new { commands = session.ManagerCommands })));
        app.MapPost("/api/command", async (HttpContext ctx) =>
        {
            var body = await ReadBody(ctx);
            if (CommandJson.Parse(body, out string error) is not { } line)
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteJson(ctx, JsonSerializer.Serialize(new { done = false, lines = new[] { "error: " + error } }));
                return;
            }
            var answer = await session.CommandAsync(line, "page");
            // A live run that could not read the line as a command: the request was wrong, as above.
            if (answer.Command == null) ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteJson(ctx, JsonSerializer.Serialize(new { done = answer.Done, lines = answer.Lines }));
        });
        app.MapPost("/api/control", async (HttpContext ctx) =>
        {
            var body = await ReadBody(ctx);
            string action = body.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
            double? value = body.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            string? error = session.Control(action, value);
            if (error != null) ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteJson(ctx, JsonSerializer.Serialize(new { error }));
        });

        try
        {
            await app.StartAsync();
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new IOException($"the dashboard cannot listen on 127.0.0.1:{port}: {ex.Message}", ex);
        }
        var bound = new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1") + "/");
        if (tokenDirectory != null) token.WriteFile(tokenDirectory, bound.Port);
        session.Start();
        return new DashboardServer(app, bound, token, gate);
    }

    /// <summary>The page's HTML, scripts and styles: the same for everyone (they are in the source), so served without the token.</summary>
    private static bool IsPageFile(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Value is "/" or "/app.js" or "/graph.js" or "/plots.js" or "/style.css"
            or "/favicon.ico" or "/graph.LICENSES.txt";

    /// <summary>The header; for a GET also the query (the page's EventSource cannot set a header). A POST in the query alone is
    /// refused: a form could send it.</summary>
    private static string? PresentedToken(HttpRequest request)
    {
        if (request.Headers[DashboardToken.Header] is { Count: 1 } header) return header[0];
        return HttpMethods.IsGet(request.Method) && request.Query[DashboardToken.QueryName] is { Count: 1 } query ? query[0] : null;
    }

    private static async Task StreamAsync(HttpContext ctx, DashboardSession session, CancellationToken stopping)
    {
        ctx.Response.Headers.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-cache";
        ctx.Response.Headers["X-Accel-Buffering"] = "no";
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var channel = session.Subscribe();
        try
        {
            await ctx.Response.WriteAsync("retry: 1000\n\n", both.Token);
            await ctx.Response.Body.FlushAsync(both.Token);
            await foreach (var frame in channel.Reader.ReadAllAsync(both.Token))
            {
                await ctx.Response.WriteAsync("data: ", both.Token);
                await ctx.Response.WriteAsync(frame, both.Token);
                await ctx.Response.WriteAsync("\n\n", both.Token);
                await ctx.Response.Body.FlushAsync(both.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            session.Unsubscribe(channel);
        }
    }

    private static async Task<JsonElement> ReadBody(HttpContext ctx)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : default;
        }
        catch (JsonException) { return default; }
    }

    private static Task WriteJson(HttpContext ctx, string json)
    {
        ctx.Response.ContentType = "application/json; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-store";
        return ctx.Response.WriteAsync(json);
    }

    private static void MapAsset(WebApplication app, string route, string name, string contentType)
    {
        byte[] bytes = Asset(name);
        app.MapGet(route, (HttpContext ctx) =>
        {
            ctx.Response.ContentType = contentType;
            ctx.Response.Headers.CacheControl = "no-cache";
            return ctx.Response.Body.WriteAsync(bytes).AsTask();
        });
    }

    /// <summary>
    /// Whether the build bundled the graph view (wwwroot/graph.js, made by npm and esbuild from
    /// frontend/). A build on a machine without npm has none: the page then says how to get it.
    /// </summary>
    public static bool HasGraphView { get; } = typeof(DashboardServer).Assembly.GetManifestResourceInfo(
        "GossipSim.Dashboard.graph.js") != null;

    public const string GraphViewMissing =
        "this build has no graph view: Node.js and npm were not installed when it was built. Install them (apt-get install -y nodejs npm), "
            + "then build again (dotnet build): the build bundles it from Dashboard/frontend";

    /// <summary>One of the page's files, from this assembly's resources.</summary>
    public static byte[] Asset(string name)
    {
        using var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream("GossipSim.Dashboard." + name)
            ?? throw new InvalidOperationException($"the dashboard asset {name} is not embedded in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class NoSignalLifetime : Microsoft.Extensions.Hosting.IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _token.Dispose();
    }
}
