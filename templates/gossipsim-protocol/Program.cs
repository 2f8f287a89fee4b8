using GossipSim.Engine.Peer;
using GossipSim.Scenarios;

// Put this program's broadcasts on the menu before anything runs: scenarios and node options may name them from then on.
BroadcastMenu.Register(MyLab.PushK.Choice);
// Every command of the scenario CLI (dotnet run -- crash-hub.json --runtime sim|real|netns, --help), and node mode for real runs.
return GossipSimHost.Run(args);
