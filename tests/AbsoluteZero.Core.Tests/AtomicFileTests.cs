using AbsoluteZero.Core.IO;

namespace AbsoluteZero.Core.Tests;

public class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FailedWriteKeepsOldContentAndLeavesNoTemporaries()
    {
        var path = Path.Combine(_dir, "state.json");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("crash mid-write");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void DirectoryIsReplacedWhole()
    {
        var target = Path.Combine(_dir, "ckpt");
        AtomicFile.WriteDirectory(target, d => File.WriteAllText(Path.Combine(d, "a"), "1"));
        Assert.Throws<IOException>(() => AtomicFile.WriteDirectory(target, d =>
        {
            File.WriteAllText(Path.Combine(d, "a"), "2");
            throw new IOException("disk full");
        }));
        Assert.Equal("1", File.ReadAllText(Path.Combine(target, "a")));
        AtomicFile.WriteDirectory(target, d => File.WriteAllText(Path.Combine(d, "b"), "3"));
        Assert.False(File.Exists(Path.Combine(target, "a")));
        Assert.Equal("3", File.ReadAllText(Path.Combine(target, "b")));
        Assert.Single(Directory.GetDirectories(_dir));
    }

    private sealed record Row(int Step, string Name);

    [Fact]
    public void JsonLinesToleratesTornLastLineButNotMiddleDamage()
    {
        var path = Path.Combine(_dir, "m.jsonl");
        JsonLines.Append(path, [new Row(1, "a"), new Row(2, "b")]);
        File.AppendAllText(path, "{\"step\": 3, \"na");
        Assert.Equal([1, 2], JsonLines.Read<Row>(path).Select(r => r.Step));
        File.WriteAllText(path, "{\"step\":1,\"name\":\"a\"}\n{oops\n{\"step\":3,\"name\":\"c\"}\n");
        var e = Assert.Throws<InvalidDataException>(() => JsonLines.Read<Row>(path).ToList());
        Assert.Contains("line 2", e.Message);
    }
}
