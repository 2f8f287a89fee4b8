namespace GossipSim.TestSupport;

/// <summary>Files committed to the repository that tests read (a real run's trace), found from the test's own folder.</summary>
public static class RepositoryFiles
{
    /// <summary>The path of a committed file; the test is ignored when it does not run from inside the repository.</summary>
    public static string Path(params string[] parts)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(System.IO.Path.Combine(root.FullName, "GossipSim.sln"))) root = root.Parent;
        if (root == null) Assert.Ignore("not run from inside the repository");
        return System.IO.Path.Combine([root!.FullName, .. parts]);
    }
}
