using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Ranks.Mpi;

namespace GossipSim.Simulator.Tests.Ranks;

/// <summary>Whether mpirun started this process is read from the environment alone, and without a launcher no MPI is loaded.</summary>
public class MpiLaunchTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void NoLauncherVariables_MeanNoLauncher()
    {
        Assert.That(MpiLaunch.FromEnvironment(Environment()), Is.Null);
        Assert.That(MpiLaunch.FromEnvironment(Environment(("PMI_RANK", "1"), ("OMPI_MCA_btl", "self"))), Is.Null,
            "another MPI's launcher, or Open MPI's settings alone, are not an Open MPI launch");
    }

    [TestCase("0", "1", 0, 1)]
    [TestCase("2", "3", 2, 3)]
    [TestCase("63", "64", 63, 64)]
    public void OpenMpisMpirun_GivesTheRankAndTheCount(string rank, string size, int expectedRank, int expectedRanks)
    {
        var launch = MpiLaunch.FromEnvironment(Environment(("OMPI_COMM_WORLD_RANK", rank), ("OMPI_COMM_WORLD_SIZE", size), ("PMIX_RANK", rank)));
        Assert.That(launch, Is.EqualTo(new MpiLaunch(expectedRank, expectedRanks)));
    }

    [Test]
    public void APmixLauncher_GivesTheRank_AndLeavesTheCountToMpi()
    {
        Assert.That(MpiLaunch.FromEnvironment(Environment(("PMIX_RANK", "5"))), Is.EqualTo(new MpiLaunch(5, null)));
    }

    [TestCase("OMPI_COMM_WORLD_RANK", "1", null, null, "only one of OMPI_COMM_WORLD_RANK and OMPI_COMM_WORLD_SIZE")]
    [TestCase("OMPI_COMM_WORLD_SIZE", "2", null, null, "only one of OMPI_COMM_WORLD_RANK and OMPI_COMM_WORLD_SIZE")]
    [TestCase("OMPI_COMM_WORLD_RANK", "2", "OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_RANK=2 is not a rank of OMPI_COMM_WORLD_SIZE=2")]
    [TestCase("OMPI_COMM_WORLD_RANK", "-1", "OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_RANK=-1 is not a whole number of at least 0")]
    [TestCase("OMPI_COMM_WORLD_RANK", "0", "OMPI_COMM_WORLD_SIZE", "0", "OMPI_COMM_WORLD_SIZE=0 is not a whole number of at least 1")]
    [TestCase("OMPI_COMM_WORLD_RANK", "0", "OMPI_COMM_WORLD_SIZE", "two", "OMPI_COMM_WORLD_SIZE=two is not a whole number of at least 1")]
    [TestCase("PMIX_RANK", "x", null, null, "PMIX_RANK=x is not a whole number of at least 0")]
    public void AGarbledLaunch_IsOneLineNamingTheVariable(string name, string value, string? other, string? otherValue, string expected)
    {
        var variables = other == null ? new[] { (name, value) } : new[] { (name, value), (other, otherValue!) };
        var error = Assert.Throws<RankExchangeException>(() => MpiLaunch.FromEnvironment(Environment(variables)))!;
        Assert.That(error.Message, Does.Contain(expected));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void WithoutALauncher_TheRunIsOneRank_AndMpiIsNeverLoaded()
    {
        using var ranks = MpiLaunch.OpenRanks(Environment());
        Assert.That(ranks, Is.InstanceOf<SingleRank>());
        Assert.That((ranks.Rank, ranks.Ranks), Is.EqualTo((0, 1)));
        Assert.That(File.ReadAllText("/proc/self/maps"), Does.Not.Contain("libmpi"), "no test in this project loads Open MPI");
    }

    [Test]
    public void AMissingLibrary_IsOneLineSayingWhatToInstall()
    {
        var error = Assert.Throws<RankExchangeException>(() => MpiLibrary.Load("libmpi-that-is-not-here.so.40"))!;
        Assert.That(error.Message, Is.EqualTo("Open MPI is not installed: apt-get install openmpi-bin libopenmpi-dev"));
    }

    [TestCase(null, 1)]
    [TestCase("2", 2)]
    [TestCase("0", 1)]
    [TestCase("two", 1)]
    public void RanksOnThisMachine_AreWhatMpirunSays_OrOne(string? localSize, int expected) =>
        Assert.That(MpiLaunch.RanksOnThisMachine(name => name == "OMPI_COMM_WORLD_LOCAL_SIZE" ? localSize : null), Is.EqualTo(expected));
}
