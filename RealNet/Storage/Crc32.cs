namespace GossipSim.RealNet.Storage;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), the checksum of zlib and Ethernet:
/// it tells a commit log record that was torn or damaged on disk from a whole one.
/// (System.IO.Hashing is not available here; this is its Crc32 algorithm.)
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Of(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
