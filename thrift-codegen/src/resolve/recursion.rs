//! Which fields close a recursive cycle and must be boxed in Rust.
//!
//! A struct, union or exception that holds another by value (directly or through
//! typedefs, not inside a list, set or map, which already allocate) forms an edge. Every
//! edge inside one strongly connected component closes a cycle: direct (`Node { next: Node }`),
//! mutual (`A { b: B }`, `B { a: A }`) and through unions alike. Boxing each such edge is
//! what Apache's Rust generator and prost do too; it keeps every generated type finite.

use super::Program;
use crate::parse::ast::{DefId, Definition};
use std::collections::HashMap;

pub(super) fn mark_recursive_fields(program: &mut Program) {
    // Nodes: struct-like definitions. Edges: (from node, field index, to node).
    let mut node_of: HashMap<DefId, usize> = HashMap::new();
    let mut nodes: Vec<DefId> = Vec::new();
    for (id, def) in program.definitions() {
        if let Definition::Struct(_) = def {
            node_of.insert(id, nodes.len());
            nodes.push(id);
        }
    }
    let mut edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nodes.len()];
    for (n, &id) in nodes.iter().enumerate() {
        let Definition::Struct(s) = program.definition(id) else {
            continue;
        };
        for (i, field) in s.fields.iter().enumerate() {
            if let Some(to) = program
                .named_target(&field.ty)
                .and_then(|t| node_of.get(&t))
            {
                edges[n].push((i, *to));
            }
        }
    }
    let component = strongly_connected(&edges);
    for (n, out) in edges.iter().enumerate() {
        for &(field, to) in out {
            if component[n] == component[to] {
                let id = nodes[n];
                let def =
                    &mut program.files[id.file.0 as usize].document.definitions[id.index as usize];
                if let Definition::Struct(s) = def {
                    s.fields[field].recursive = true;
                }
            }
        }
    }
}

/// Tarjan's algorithm, iterative (IDL graphs can be deep): the component number of each node.
fn strongly_connected(edges: &[Vec<(usize, usize)>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(v, e)) = work.last() {
            if let Some(&(_, w)) = edges[v].get(e) {
                work.last_mut().expect("work is not empty").1 += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}
