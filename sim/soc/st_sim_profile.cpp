// SPDX-License-Identifier: Apache-2.0
// st_sim_profile.cpp - the SoC simulator's cycle profiler (st_sim_profile.h).
#include "st_sim_profile.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

namespace {

uint32_t le16(const std::vector<uint8_t> &d, size_t o)
{
    return (uint32_t)d[o] | ((uint32_t)d[o + 1] << 8);
}

uint32_t le32(const std::vector<uint8_t> &d, size_t o)
{
    return le16(d, o) | (le16(d, o + 2) << 16);
}

}  // namespace

bool StSimProfile::load_symbols(const std::vector<uint8_t> &d, std::string *why)
{
    if (d.size() < 52 || d[0] != 0x7f || d[1] != 'E' || d[2] != 'L' || d[3] != 'F' || d[4] != 1 || d[5] != 1) {
        *why = "not a 32-bit little-endian ELF file";
        return false;
    }
    uint32_t shoff = le32(d, 32), shentsize = le16(d, 46), shnum = le16(d, 48);
    if (shentsize != 40 || (uint64_t)shoff + (uint64_t)shnum * 40 > d.size()) {
        *why = "no section header table";
        return false;
    }
    std::vector<Sym> funcs, others;
    for (uint32_t i = 0; i < shnum; i++) {
        size_t sh = shoff + (size_t)i * 40;
        if (le32(d, sh + 4) != 2) {  // SHT_SYMTAB
            continue;
        }
        uint32_t off = le32(d, sh + 16), size = le32(d, sh + 20), link = le32(d, sh + 24);
        if (link >= shnum || (uint64_t)off + size > d.size()) {
            *why = "symbol table out of the file";
            return false;
        }
        size_t ssh = shoff + (size_t)link * 40;
        uint32_t stroff = le32(d, ssh + 16), strsize = le32(d, ssh + 20);
        if ((uint64_t)stroff + strsize > d.size()) {
            *why = "string table out of the file";
            return false;
        }
        for (uint32_t e = off; e + 16 <= off + size; e += 16) {
            uint32_t name = le32(d, e), value = le32(d, e + 4), sz = le32(d, e + 8);
            uint32_t type = d[e + 12] & 0xf, shndx = le16(d, e + 14);
            if (name == 0 || name >= strsize || shndx == 0 || shndx >= 0xff00 || (type != 0 && type != 2)) {
                continue;  // unnamed, undefined, absolute or not code (objects, sections, files)
            }
            const char *s = reinterpret_cast<const char *>(&d[stroff + name]);
            std::string n(s, strnlen(s, strsize - name));
            if (n.empty() || n[0] == '$' || n.compare(0, 2, ".L") == 0) {
                continue;  // mapping and local labels
            }
            (type == 2 && sz != 0 ? funcs : others).push_back(Sym{value, sz, n});
        }
    }
    if (funcs.empty() && others.empty()) {
        *why = "no function symbols (stripped?)";
        return false;
    }
    // Functions first; a label inside a function does not split it.
    syms_ = funcs;
    for (const Sym &o : others) {
        bool inside = std::any_of(funcs.begin(), funcs.end(),
                                  [&](const Sym &f) { return o.addr >= f.addr && o.addr < f.addr + f.size; });
        if (!inside) {
            syms_.push_back(o);
        }
    }
    std::sort(syms_.begin(), syms_.end(), [](const Sym &a, const Sym &b) { return a.addr < b.addr; });
    return true;
}

std::string StSimProfile::name_of(uint32_t pc, uint32_t *offset) const
{
    auto it = std::upper_bound(syms_.begin(), syms_.end(), pc, [](uint32_t p, const Sym &s) { return p < s.addr; });
    if (it == syms_.begin()) {
        *offset = 0;
        return "?";
    }
    --it;
    if (it->size != 0 && pc >= it->addr + it->size) {  // past a sized function: in no symbol
        *offset = 0;
        return "?";
    }
    *offset = pc - it->addr;
    return it->name;
}

std::vector<StSimProfile::Line> StSimProfile::by_function() const
{
    std::map<std::string, uint64_t> sum;
    for (size_t i = 0; i < counts_.size(); i++) {
        if (counts_[i] != 0) {
            uint32_t off;
            sum[name_of(base_ + (uint32_t)i * 4, &off)] += counts_[i];
        }
    }
    if (outside_ != 0) {
        sum["(outside RAM: boot ROM)"] += outside_;
    }
    std::vector<Line> lines;
    for (const auto &kv : sum) {
        lines.push_back(Line{kv.first, kv.second});
    }
    std::stable_sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) { return a.cycles > b.cycles; });
    return lines;
}

std::string StSimProfile::summary(unsigned top) const
{
    std::string out;
    char buf[256];
    auto lines = by_function();
    for (size_t i = 0; i < lines.size() && i < top; i++) {
        std::snprintf(buf, sizeof buf, "sim: profile: %12llu cycles %5.1f %%  %s\n", (unsigned long long)lines[i].cycles,
                      total_ ? 100.0 * (double)lines[i].cycles / (double)total_ : 0.0, lines[i].name.c_str());
        out += buf;
    }
    return out;
}

bool StSimProfile::write(const std::string &path, const std::string &title, uint64_t first, uint64_t last) const
{
    FILE *f = std::fopen(path.c_str(), "w");
    if (f == nullptr) {
        std::fprintf(stderr, "sim: cannot write '%s': %s\n", path.c_str(), std::strerror(errno));
        return false;
    }
    std::fprintf(f, "# st_soc_sim profile: %s\n# cycles %llu .. %llu: %llu cycles counted, each charged to the pc in "
                    "the core's E stage\n#\n# cycles  percent  function\n",
                 title.c_str(), (unsigned long long)first, (unsigned long long)last, (unsigned long long)total_);
    for (const Line &l : by_function()) {
        std::fprintf(f, "%llu %.2f %s\n", (unsigned long long)l.cycles,
                     total_ ? 100.0 * (double)l.cycles / (double)total_ : 0.0, l.name.c_str());
    }
    std::fprintf(f, "#\n# pc  cycles  function+offset\n");
    for (size_t i = 0; i < counts_.size(); i++) {
        if (counts_[i] != 0) {
            uint32_t pc = base_ + (uint32_t)i * 4, off;
            std::string n = name_of(pc, &off);
            std::fprintf(f, "0x%08x %llu %s+0x%x\n", pc, (unsigned long long)counts_[i], n.c_str(), off);
        }
    }
    bool ok = std::ferror(f) == 0;
    ok = std::fclose(f) == 0 && ok;
    if (!ok) {
        std::fprintf(stderr, "sim: error writing '%s'\n", path.c_str());
    }
    return ok;
}
