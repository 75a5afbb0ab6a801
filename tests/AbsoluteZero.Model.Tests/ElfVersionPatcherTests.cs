using AbsoluteZero.NativeSupport;

namespace AbsoluteZero.Model.Tests;

public class ElfVersionPatcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azr-elf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string ShippedShim()
    {
        var path = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).FirstOrDefault();
        Assert.NotNull(path);
        return path!;
    }

    /// <summary>A copy of the shim with the weak flag cleared again, i.e. exactly as NuGet ships it.</summary>
    private string PristineCopy()
    {
        var copy = Path.Combine(_dir, "libLibTorchSharp.so");
        File.Copy(ShippedShim(), copy, overwrite: true);
        var bytes = File.ReadAllBytes(copy);
        foreach (var need in ElfVersionPatcher.ReadVersionNeeds(copy).Where(n => n.Version == "GLIBCXX_3.4.32"))
            bytes[need.FlagsOffset] &= unchecked((byte)~0x2);
        File.WriteAllBytes(copy, bytes);
        return copy;
    }

    [Fact]
    public void ShimRequiresGlibcxx3432()
    {
        var needs = ElfVersionPatcher.ReadVersionNeeds(PristineCopy());
        var need = Assert.Single(needs, n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.False(need.IsWeak);
    }

    [Fact]
    public void PatchMarksOnlyTheMissingVersionWeakAndIsIdempotent()
    {
        var copy = PristineCopy();
        var before = File.ReadAllBytes(copy);
        var available = new HashSet<string>(ElfVersionPatcher.ReadVersionNeeds(copy).Select(n => n.Version));
        available.Remove("GLIBCXX_3.4.32");

        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionPatcher.Patch(copy, available));
        var after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(1, before.Zip(after).Count(p => p.First != p.Second)); // a single flag byte changed
        Assert.True(ElfVersionPatcher.ReadVersionNeeds(copy).Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);
        Assert.All(ElfVersionPatcher.ReadVersionNeeds(copy).Where(n => n.Version != "GLIBCXX_3.4.32"), n => Assert.False(n.IsWeak));

        Assert.Equal(ElfPatchOutcome.AlreadyPatched, ElfVersionPatcher.Patch(copy, available));
        Assert.Equal(after, File.ReadAllBytes(copy));
    }

    [Fact]
    public void NothingIsDoneWhenTheSystemHasTheVersion()
    {
        var copy = PristineCopy();
        var all = new HashSet<string>(ElfVersionPatcher.ReadVersionNeeds(copy).Select(n => n.Version));
        var before = File.ReadAllBytes(copy);
        Assert.Equal(ElfPatchOutcome.NotNeeded, ElfVersionPatcher.Patch(copy, all));
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void RefusesWhenRealSymbolsNeedTheMissingVersion()
    {
        var copy = PristineCopy();
        var available = new HashSet<string>(ElfVersionPatcher.ReadVersionNeeds(copy).Select(n => n.Version));
        available.Remove("GLIBCXX_3.4.32");
        available.Remove("GLIBCXX_3.4.9"); // used by many std:: symbols: weakening it would crash at run time
        var e = Assert.Throws<InvalidOperationException>(() => ElfVersionPatcher.Patch(copy, available));
        Assert.Contains("GLIBCXX_3.4.9", e.Message);
    }

    [Fact]
    public void ReadsDefinedVersionsOfTheSystemLibStdCxx()
    {
        var lib = ElfVersionPatcher.FindSystemLibStdCxx();
        Assert.NotNull(lib);
        var versions = ElfVersionPatcher.ReadDefinedVersions(lib!);
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("GLIBCXX_3.4.30", versions);
    }

    [Fact]
    public void RejectsNonElfInput()
    {
        var path = Path.Combine(_dir, "not-elf.so");
        File.WriteAllText(path, "hello, this is not a shared library at all, just text padding to 64 bytes........");
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadVersionNeeds(path));
    }
}
