using System.Diagnostics;

namespace GossipSim.TestSupport;

/// <summary>
/// Polls a condition until it holds or a generous deadline passes: the box these tests run on
/// is small and shared, so nothing here waits a fixed time and hopes.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        await HoldsAsync(() => Task.FromResult(condition()), what, timeout);
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition()) return;
            if (clock.Elapsed > limit) Assert.Fail($"timed out after {limit.TotalSeconds:0.#} s waiting for: {what}");
            await Task.Delay(25);
        }
    }
}
