enum Tag { WORK, HOME }
