using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GossipSim.Dashboard;

/// <summary>
/// The dashboard's web server: ASP.NET Core's Kestrel on 127.0.0.1 only. Serves the page
/// (HTML, JS, CSS compiled into this assembly: it works offline), pushes frames with
/// server-sent events (<c>GET /events</c>), and takes typed manager commands (<see cref="CommandJson"/>;
/// <c>GET /api/manager</c> lists those the run can do) and replay controls.
///
/// POSTs must carry the header <c>X-GossipSim: 1</c> and every request a loopback Host:
/// another web site open in the same browser can neither kill nodes (a cross-site form
/// cannot set the header) nor read the stream by DNS rebinding.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Starts serving <paramref name="session"/>; port 0 lets the OS choose. Throws <see cref="IOException"/> when the port is
    /// taken.</summary>
    public static async Task<DashboardServer> StartAsync(DashboardSession session, int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        // The command owns Ctrl-C and SIGTERM (they stop the run); the host must not swallow them.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoSignalLifetime>();
        var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            string host = ctx.Request.Host.Host;
            if (host is not ("127.0.0.1" or "localhost"))
            {
                ctx.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return;
            }
            if (HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Headers["X-GossipSim"] != "1")
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                await ctx.Response.WriteAsync("missing X-GossipSim header");
                return;
            }
            await next(ctx);
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
        session.Start();
        return new DashboardServer(app, bound);
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
    }
}
