import sys, os
HEADER = "id_hint\ttype\tkind\tname_en\tname_hi\taliases_en\taliases_hi\tcountry\trole\tparent"
def write(name, comment, body):
    out = [ "# " + l for l in comment.strip().splitlines() ] + [HEADER]
    for line in body.strip().splitlines():
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        cols = [c.strip() for c in line.split(';')]
        if len(cols) > 10:
            sys.exit(f"{name}: too many columns: {line}")
        cols += [''] * (10 - len(cols))
        out.append('\t'.join(cols))
    open(os.path.join('/work/main/data/lists', name), 'w').write('\n'.join(out) + '\n')
