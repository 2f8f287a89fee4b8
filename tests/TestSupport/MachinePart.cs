namespace GossipSim.TestSupport;

/// <summary>
/// Something outside the .NET SDK that some tests need: a program, a service or a permission the
/// machine has or lacks. <see cref="MachineParts.Require"/> runs, skips or fails a test on it.
/// </summary>
public enum MachinePart
{
    DockerEngine,
    DockerEngineOnTcp,
    Mpirun,
    NetworkNamespaces,
    Chromium,
    Prometheus,
    NativeNode,
    Tmpfs,
    GitCheckout,
    DotnetNew,
    GnuTime,
}

/// <summary>What each part is, in a reader's words, and the command that gets it on a Debian machine (as root).</summary>
public static class MachinePartNames
{
    /// <summary>The part as the object of "needs": "a Docker engine in swarm mode".</summary>
    public static string Needs(this MachinePart part) => part switch
    {
        MachinePart.DockerEngine => "a Docker engine in swarm mode",
        MachinePart.DockerEngineOnTcp => "a Docker engine listening on tcp://127.0.0.1:2375",
        MachinePart.Mpirun => "Open MPI's mpirun",
        MachinePart.NetworkNamespaces => "network namespaces and nftables (as root)",
        MachinePart.Chromium => "Chromium",
        MachinePart.Prometheus => "a Prometheus server",
        MachinePart.NativeNode => "the native (NativeAOT) node, linked with clang",
        MachinePart.Tmpfs => "a tmpfs it may mount (as root)",
        MachinePart.GitCheckout => "a git checkout of the repository",
        MachinePart.DotnetNew => "the .NET SDK's dotnet new and pack, and a package registry",
        MachinePart.GnuTime => "GNU time at /usr/bin/time",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };

    /// <summary>The command that provides the part; the README's table lists the same.</summary>
    public static string Install(this MachinePart part) => part switch
    {
        MachinePart.DockerEngine =>
            "apt-get install -y docker.io debootstrap && (dockerd >/var/log/dockerd.log 2>&1 &) && docker swarm init --advertise-addr 127.0.0.1",
        MachinePart.DockerEngineOnTcp => "dockerd -H unix:///var/run/docker.sock -H tcp://127.0.0.1:2375 (as .ci/run starts it)",
        MachinePart.Mpirun => "apt-get install -y openmpi-bin libopenmpi-dev",
        MachinePart.NetworkNamespaces => "apt-get install -y iproute2 nftables, and run the tests as root",
        MachinePart.Chromium => "apt-get install -y chromium",
        MachinePart.Prometheus => "apt-get install -y prometheus",
        MachinePart.NativeNode => "apt-get install -y clang, then dotnet build Scenarios -c Release -p:NodeNative=true",
        MachinePart.Tmpfs => "run the tests as root, where mount -t tmpfs is allowed",
        MachinePart.GitCheckout => "git clone the repository (apt-get install -y git)",
        MachinePart.DotnetNew => "install the .NET 10 SDK (dotnet new comes with it) where NuGet's registry is reachable",
        MachinePart.GnuTime => "apt-get install -y time",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };
}
