// Makes TorchSharp's native shim load on distributions whose libstdc++ is older than the one it was linked against.
//
// libLibTorchSharp.so 0.107.0 records a version requirement on GLIBCXX_3.4.32 (GCC 13+), which Debian 12's libstdc++
// (GCC 12, up to GLIBCXX_3.4.30) does not define, so dlopen refuses the library. The only symbol bound to that version
// is std::ios_base_library_init(), a link-time marker with no relocations against it. Marking that one version
// requirement VER_FLG_WEAK in .gnu.version_r lets the dynamic loader accept the library; nothing else changes.
//
// This file is compiled twice: into the build (an MSBuild inline task, see build/TorchSharpNative.targets) and into
// AbsoluteZero.Model (AZR_RUNTIME defined), which re-checks at start-up so a copied or published app loads too.
// The patch is applied only when the system libstdc++ lacks the version, only to versions whose every symbol is on
// the allow-list below, idempotently, and atomically (temporary copy + rename).
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace AbsoluteZero.NativeSupport
{
    /// <summary>What <see cref="ElfVersionPatcher.Patch"/> did to one file.</summary>
    public enum ElfPatchOutcome
    {
        /// <summary>Every version the file requires from libstdc++ exists on this system: nothing to do.</summary>
        NotNeeded,
        /// <summary>The missing versions were already marked weak by an earlier run.</summary>
        AlreadyPatched,
        /// <summary>The file was rewritten with the missing versions marked weak.</summary>
        Patched,
    }

    /// <summary>Reads ELF64 version tables and marks safe-to-ignore libstdc++ version requirements weak.</summary>
    public static class ElfVersionPatcher
    {
        private const uint ShtDynsym = 11;
        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtGnuVersym = 0x6fffffff;
        private const ushort VerFlgWeak = 0x2;

        /// <summary>Symbols that may be bound to a missing version: link-time markers that are never called.</summary>
        public static readonly IReadOnlyCollection<string> IgnorableSymbols = new[] { "_ZSt21ios_base_library_initv" };

        /// <summary>Library whose versions are checked.</summary>
        public const string LibStdCxx = "libstdc++.so.6";

        /// <summary>Finds the libstdc++.so.6 the dynamic loader would use, or null when none is found.</summary>
        public static string? FindSystemLibStdCxx()
        {
            var dirs = new List<string>();
            var ldPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            if (!string.IsNullOrEmpty(ldPath)) dirs.AddRange(ldPath.Split(':').Where(d => d.Length > 0));
            dirs.AddRange(new[]
            {
                "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            });
            foreach (var dir in dirs)
            {
                var candidate = Path.Combine(dir, LibStdCxx);
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        /// <summary>Version names (e.g. GLIBCXX_3.4.30) that a shared library defines.</summary>
        public static HashSet<string> ReadDefinedVersions(string path)
        {
            var elf = new ElfFile(File.ReadAllBytes(path), path);
            var result = new HashSet<string>(StringComparer.Ordinal);
            foreach (var section in elf.Sections.Where(s => s.Type == ShtGnuVerdef))
            {
                var strtab = elf.Sections[(int)section.Link];
                long offset = section.Offset;
                for (int i = 0; i < section.Info; i++)
                {
                    ushort count = elf.U16(offset + 6);
                    uint aux = elf.U32(offset + 12);
                    uint next = elf.U32(offset + 16);
                    long auxOffset = offset + aux;
                    for (int j = 0; j < count; j++)
                    {
                        result.Add(elf.String(strtab, elf.U32(auxOffset)));
                        auxOffset += elf.U32(auxOffset + 4);
                    }
                    if (next == 0) break;
                    offset += next;
                }
            }
            return result;
        }

        /// <summary>One version requirement of a library (an Elf64_Vernaux entry).</summary>
        public sealed record VersionNeed(string File, string Version, ushort Index, ushort Flags, long FlagsOffset)
        {
            /// <summary>True when the loader tolerates this version being absent.</summary>
            public bool IsWeak => (Flags & VerFlgWeak) != 0;
        }

        /// <summary>All version requirements of a library.</summary>
        public static List<VersionNeed> ReadVersionNeeds(string path) => ReadVersionNeeds(new ElfFile(File.ReadAllBytes(path), path));

        private static List<VersionNeed> ReadVersionNeeds(ElfFile elf)
        {
            var result = new List<VersionNeed>();
            foreach (var section in elf.Sections.Where(s => s.Type == ShtGnuVerneed))
            {
                var strtab = elf.Sections[(int)section.Link];
                long offset = section.Offset;
                for (int i = 0; i < section.Info; i++)
                {
                    ushort count = elf.U16(offset + 2);
                    string file = elf.String(strtab, elf.U32(offset + 4));
                    uint aux = elf.U32(offset + 8);
                    uint next = elf.U32(offset + 12);
                    long auxOffset = offset + aux;
                    for (int j = 0; j < count; j++)
                    {
                        ushort flags = elf.U16(auxOffset + 4);
                        ushort other = elf.U16(auxOffset + 6);
                        string name = elf.String(strtab, elf.U32(auxOffset + 8));
                        result.Add(new VersionNeed(file, name, other, flags, auxOffset + 4));
                        uint auxNext = elf.U32(auxOffset + 12);
                        if (auxNext == 0) break;
                        auxOffset += auxNext;
                    }
                    if (next == 0) break;
                    offset += next;
                }
            }
            return result;
        }

        /// <summary>Names of the dynamic symbols bound to each version index.</summary>
        private static Dictionary<ushort, List<string>> SymbolsByVersion(ElfFile elf)
        {
            var result = new Dictionary<ushort, List<string>>();
            var dynsym = elf.Sections.FirstOrDefault(s => s.Type == ShtDynsym);
            var versym = elf.Sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
            if (dynsym is null || versym is null) return result;
            var strtab = elf.Sections[(int)dynsym.Link];
            long count = dynsym.Size / 24;
            for (long i = 0; i < count; i++)
            {
                ushort version = (ushort)(elf.U16(versym.Offset + 2 * i) & 0x7fff);
                string name = elf.String(strtab, elf.U32(dynsym.Offset + 24 * i));
                if (!result.TryGetValue(version, out var list)) result[version] = list = new List<string>();
                list.Add(name);
            }
            return result;
        }

        /// <summary>
        /// Marks weak every libstdc++ version requirement of <paramref name="libraryPath"/> that
        /// <paramref name="availableVersions"/> lacks. Throws <see cref="InvalidOperationException"/> naming the symbols
        /// when a missing version is used by a symbol that is not known to be ignorable (the library would then crash
        /// at run time, so it is better not to load it at all).
        /// </summary>
        public static ElfPatchOutcome Patch(string libraryPath, ISet<string> availableVersions)
        {
            var bytes = File.ReadAllBytes(libraryPath);
            var elf = new ElfFile(bytes, libraryPath);
            var missing = ReadVersionNeeds(elf)
                .Where(n => n.File == LibStdCxx && !availableVersions.Contains(n.Version))
                .ToList();
            if (missing.Count == 0) return ElfPatchOutcome.NotNeeded;
            if (missing.All(n => n.IsWeak)) return ElfPatchOutcome.AlreadyPatched;

            var symbols = SymbolsByVersion(elf);
            foreach (var need in missing)
            {
                var users = symbols.TryGetValue(need.Index, out var list) ? list : new List<string>();
                var unsafeUsers = users.Where(s => !IgnorableSymbols.Contains(s)).ToList();
                if (unsafeUsers.Count > 0)
                    throw new InvalidOperationException(
                        $"{libraryPath} needs {need.Version} from {LibStdCxx}, which this system lacks, and uses it for " +
                        $"{string.Join(", ", unsafeUsers.Take(5))}; it cannot be made to load by marking the version weak. " +
                        "Install a newer libstdc++ (GCC 13 or later).");
            }

            foreach (var need in missing.Where(n => !n.IsWeak))
            {
                ushort flags = (ushort)(need.Flags | VerFlgWeak);
                bytes[need.FlagsOffset] = (byte)(flags & 0xff);
                bytes[need.FlagsOffset + 1] = (byte)(flags >> 8);
            }
            WriteAtomically(libraryPath, bytes);
            return ElfPatchOutcome.Patched;
        }

        /// <summary>Patches against the system libstdc++; NotNeeded when it is not found or already new enough.</summary>
        public static ElfPatchOutcome PatchForThisSystem(string libraryPath)
        {
            var libstdcxx = FindSystemLibStdCxx();
            if (libstdcxx is null) return ElfPatchOutcome.NotNeeded;
            return Patch(libraryPath, ReadDefinedVersions(libstdcxx));
        }

        private static void WriteAtomically(string path, byte[] bytes)
        {
            // A running process may have the old file mapped: replace the directory entry, never rewrite in place.
            // Copying first keeps the file mode; File.Replace renames over the target.
            string temp = path + ".azr-patch-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            File.Copy(path, temp);
            using (var stream = new FileStream(temp, FileMode.Truncate, FileAccess.Write))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }
            File.Replace(temp, path, null);
        }

        private sealed record Section(uint Type, long Offset, long Size, uint Link, uint Info);

        private sealed class ElfFile
        {
            private readonly byte[] _bytes;
            public List<Section> Sections { get; } = new List<Section>();

            public ElfFile(byte[] bytes, string path)
            {
                _bytes = bytes;
                if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
                    throw new InvalidDataException($"{path} is not an ELF file.");
                if (bytes[4] != 2 || bytes[5] != 1)
                    throw new InvalidDataException($"{path} is not a little-endian 64-bit ELF file.");
                long shoff = (long)U64(0x28);
                ushort shentsize = U16(0x3A);
                ushort shnum = U16(0x3C);
                if (shoff <= 0 || shentsize < 64 || shoff + (long)shnum * shentsize > bytes.Length)
                    throw new InvalidDataException($"{path} has a damaged section header table.");
                for (int i = 0; i < shnum; i++)
                {
                    long h = shoff + (long)i * shentsize;
                    Sections.Add(new Section(U32(h + 4), (long)U64(h + 24), (long)U64(h + 32), U32(h + 40), U32(h + 44)));
                }
            }

            public ushort U16(long o) => BitConverter.ToUInt16(_bytes, checked((int)o));
            public uint U32(long o) => BitConverter.ToUInt32(_bytes, checked((int)o));
            public ulong U64(long o) => BitConverter.ToUInt64(_bytes, checked((int)o));

            public string String(Section strtab, uint index)
            {
                long start = strtab.Offset + index;
                long end = start;
                while (end < _bytes.Length && _bytes[end] != 0) end++;
                return Encoding.ASCII.GetString(_bytes, (int)start, (int)(end - start));
            }
        }
    }

#if !AZR_RUNTIME
    /// <summary>MSBuild task: patches every libLibTorchSharp.so under the given roots when this system needs it.</summary>
    public sealed class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        /// <summary>Files or directories (searched recursively) holding libLibTorchSharp.so copies.</summary>
        [Microsoft.Build.Framework.Required]
        public string[] Roots { get; set; } = Array.Empty<string>();

        public override bool Execute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;
            var libstdcxx = ElfVersionPatcher.FindSystemLibStdCxx();
            if (libstdcxx is null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "azr: no libstdc++.so.6 found; TorchSharp native patch skipped.");
                return true;
            }
            var available = ElfVersionPatcher.ReadDefinedVersions(libstdcxx);
            foreach (var root in Roots.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct())
            {
                IEnumerable<string> files = File.Exists(root) ? new[] { root }
                    : Directory.Exists(root) ? Directory.EnumerateFiles(root, "libLibTorchSharp.so", SearchOption.AllDirectories)
                    : Array.Empty<string>();
                foreach (var file in files)
                {
                    try
                    {
                        var outcome = ElfVersionPatcher.Patch(file, available);
                        var importance = outcome == ElfPatchOutcome.Patched
                            ? Microsoft.Build.Framework.MessageImportance.High
                            : Microsoft.Build.Framework.MessageImportance.Low;
                        Log.LogMessage(importance, $"azr: {file}: {outcome} (system {libstdcxx})");
                    }
                    catch (Exception e) when (e is InvalidOperationException || e is InvalidDataException || e is IOException)
                    {
                        Log.LogError($"azr: cannot make {file} loadable: {e.Message}");
                    }
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}

#if !AZR_RUNTIME
namespace System.Runtime.CompilerServices
{
    // The inline task compiles against netstandard2.0, which lacks this marker type that records need.
    internal static class IsExternalInit { }
}
#endif
