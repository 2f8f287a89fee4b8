using Microsoft.Playwright;

namespace GossipSim.Dashboard.Tests.Browser;

public partial class DashboardBrowserTests
{
    /// <summary>
    /// The dashboard at <paramref name="url"/> open in a new headless chromium: the page, the wait its tests poll with
    /// (<paramref name="waitFor"/>, else <see cref="Generous"/>), and the page's script errors. Disposing it closes the browser.
    /// What every browser test of this fixture opens with, in one place.
    /// </summary>
    private async Task<BrowserPage> OpenBrowserPage(string url, TimeSpan? waitFor = null)
    {
        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await Launch(playwright);
            var errors = new List<string>();
            var page = await OpenPage(browser, url, errors);
            var wait = new PageWaitForFunctionOptions { Timeout = (float)(waitFor ?? Generous).TotalMilliseconds, PollingInterval = 100 };
            return new BrowserPage(playwright, browser, page, wait, errors);
        }
        catch
        {
            // A page that did not load (OpenPage fails the test) still closes its browser.
            if (browser != null) await browser.DisposeAsync();
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>An open dashboard page (<see cref="OpenBrowserPage"/>).</summary>
    private sealed class BrowserPage(IPlaywright playwright, IBrowser browser, IPage page, PageWaitForFunctionOptions wait, List<string> errors)
        : IAsyncDisposable
    {
        public IPage Page => page;
        public PageWaitForFunctionOptions Wait => wait;

        /// <summary>No error was thrown in the page's script.</summary>
        public void AssertNoScriptErrors()
        {
            lock (errors) Assert.That(errors, Is.Empty, "errors in the page's script");
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
